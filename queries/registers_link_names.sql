-- Organisations whose spelling, normalised, is a register entity's name or other name (the same key on both
-- sides: register_name_key). One row per (supplier, register entity); where a key names more than one active
-- entity of a register, each goes to review instead of being accepted. A council's bare place name ("Wigan": the
-- ONS name, or its Welsh one) is usually the council but can be a charity, a club or a firm named for the town: it
-- goes to review (method place_name); its full name ("Wigan Council", "London Borough of Camden") is accepted.
-- Params: none (reads payee_names: supplier_id, raw_name, cleaned)
with payee_keys as (
    select distinct supplier_id, raw_name, register_name_key(cleaned) as name_key
    from payee_names
    where length(register_name_key(cleaned)) >= 2
),

-- A register entity's other names: a company's previous names, the ways spend files write a council.
named as (
    select register, entity_id, name, name_key, is_active, 'exact_name' as method
    from register_entities
    union all
    select
        register,
        entity_id,
        case when register = 'councils' then other_name || ' (' || name || ', ' || entity_id || ')' else other_name end,
        register_name_key(other_name),
        is_active,
        case when register = 'councils' then 'council_name' else 'previous_name' end
    from (
        select register, entity_id, name, is_active, unnest(previous_names) as other_name
        from register_entities
        where len(previous_names) > 0
    ) as p
),

entities as (
    select
        register,
        entity_id,
        name,
        name_key,
        is_active,
        case
            when register = 'councils' and not regexp_matches(name_key, '(^| )(COUNCIL|BOROUGH|CYNGOR)( |$)')
                then 'place_name'
            else method
        end as method
    from named
),

matched as (
    select
        p.supplier_id,
        e.register,
        e.entity_id,
        e.method,
        e.is_active,
        'name ' || p.raw_name || ' = ' || e.name as evidence
    from payee_keys as p
    inner join entities as e on e.name_key = p.name_key
),

-- Active entities first: a dissolved company of the same name is only a candidate when no active one is.
ranked as (
    select
        *,
        count(distinct entity_id) over (partition by supplier_id, register, is_active) as same_key,
        dense_rank() over (partition by supplier_id, register order by is_active desc) as activity_rank
    from matched
)

select
    supplier_id,
    register,
    entity_id,
    -- a spelling that names the body in full wins over a bare place name ('council_name' < 'place_name')
    min(method) as method,
    1.0 as score,
    arg_min(evidence, method || evidence) as evidence,
    case when max(same_key) = 1 and min(method) <> 'place_name' then 'accepted' else 'review' end as status
from ranked
where activity_rank = 1
group by supplier_id, register, entity_id
