-- Register entities whose name is close to the name of an organisation no register has matched yet, blocked on
-- the payee name's two rarest words among those the registers know (a first word in more than 2,000 names is too
-- common to block on). Up to 5 candidates per organisation, closest first (Jaro-Winkler on the keys, >= 0.85).
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
    ) as e
    where token in (select token from tokens)
),

frequency as (
    select token, count(*) as entities from entity_tokens group by token
),

-- The payee's words the registers know, rarest first: a misspelt word is in no register name, so the block is
-- made of the words that are spelt right.
known as (
    select
        w.supplier_id,
        w.raw_name,
        w.name_key,
        list({'token': w.token, 'entities': f.entities} order by f.entities, w.token) as words
    from wanted as w
    inner join frequency as f on f.token = w.token
    group by w.supplier_id, w.raw_name, w.name_key
),

rarest as (
    select supplier_id, raw_name, name_key, words[1].token as token, words[2].token as second
    from known
    where words[1].entities <= 2000
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
    -- and the next rarest known word too, when there is one (two words block far tighter than one)
    where r.second is null or list_contains(string_split(e.name_key, ' '), r.second)
)

select *
from scored
where similarity >= 0.85
qualify row_number() over (
    partition by supplier_id order by similarity desc, is_active desc, register, entity_id
) <= 5
order by supplier_id, similarity desc, is_active desc, register, entity_id
