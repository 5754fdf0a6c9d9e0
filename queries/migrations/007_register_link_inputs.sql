-- What each organisation was last linked to the national registers with (registers_link_inputs.sql), so that a
-- refresh links only the organisations whose names, numbers or postcode changed; emptied by a register import.
create table if not exists register_link_inputs (
    supplier_id integer not null,
    fingerprint varchar not null
);
