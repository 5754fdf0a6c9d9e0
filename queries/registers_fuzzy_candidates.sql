-- Register entities whose name is close to the name of an organisation no register has matched yet, blocked on
-- the payee name's rarest word (among the register's names; words in more than 2,000 names are too common to
-- block on). Up to 5 candidates per organisation, closest first (Jaro-Winkler on the name keys, >= 0.85).
-- Params: none (reads unlinked_names: supplier_id, raw_name, name_key)
with wanted as (
    select supplier_id, raw_name, name_key, unnest(string_split(name_key, ' ')) as token
    from unlinked_names
),

tokens as (
    select distinct token from wanted where length(token) >= 3
),

entity_tokens as materialized (
    select *
    from (
        select register, entity_id, name, name_key, is_active, postcode,
            unnest(string_split(name_key, ' ')) as token
        from register_entities
    )
    where token in (select token from tokens)
),

frequency as (
    select token, count(*) as entities from entity_tokens group by token
),

rarest as (
    select w.supplier_id, w.raw_name, w.name_key, arg_min(w.token, f.entities) as token
    from wanted as w
    inner join frequency as f on f.token = w.token
    where f.entities <= 2000
    group by w.supplier_id, w.raw_name, w.name_key
),

scored as (
    select
        r.supplier_id,
        r.raw_name,
        r.name_key as payee_key,
        e.register,
        e.entity_id,
        e.name,
        e.name_key,
        e.is_active,
        e.postcode,
        jaro_winkler_similarity(r.name_key, e.name_key) as similarity
    from rarest as r
    inner join entity_tokens as e on e.token = r.token
)

select *
from scored
where similarity >= 0.85
qualify row_number() over (
    partition by supplier_id order by similarity desc, is_active desc, register, entity_id
) <= 5
order by supplier_id, similarity desc, is_active desc, register, entity_id
