-- Register entities whose name is close to the name of an organisation no register has matched yet. Blocked on
-- the payee name's two rarest words among those the registers know (a word in more than 2,000 names is too common
-- to block on alone); a payee whose known words are all that common blocks instead on its known words in order
-- against each entity's name with one word left out (the misspelt or dropped one): an equi-join, however common
-- the words. Up to 5 candidates per organisation, closest first (Jaro-Winkler on the keys, >= 0.85).
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

-- The payee's key without the words no register knows (short words kept: they are not counted as known).
common as (
    select
        supplier_id,
        raw_name,
        name_key,
        array_to_string(
            list_filter(
                string_split(name_key, ' '),
                x -> length(x) < 3 or list_contains(list_transform(words, w -> w.token), x)
            ),
            ' '
        ) as known_key
    from known
    where words[1].entities > 2000
),

-- Each entity's name with one word left out, for the common payees' block (skipped when there are none).
entity_omissions as (
    select
        register, entity_id, name, name_key, is_active, postcode,
        unnest(list_transform(range(1, len(w) + 1), i -> array_to_string(w[:i - 1] || w[i + 1:], ' '))) as omitted
    from (select *, string_split(name_key, ' ') as w from register_entities) as e
    where len(w) between 2 and 12
),

blocked as (
    select
        r.supplier_id,
        r.raw_name,
        r.name_key as payee_key,
        e.register,
        e.entity_id,
        e.name,
        e.name_key,
        e.is_active,
        e.postcode
    from rarest as r
    inner join entity_tokens as e on e.token = r.token
    -- and the next rarest known word too, when there is one (two words block far tighter than one)
    where r.second is null or list_contains(string_split(e.name_key, ' '), r.second)
    union
    select
        c.supplier_id,
        c.raw_name,
        c.name_key as payee_key,
        o.register,
        o.entity_id,
        o.name,
        o.name_key,
        o.is_active,
        o.postcode
    from common as c
    inner join entity_omissions as o on o.omitted = c.known_key
    where c.known_key <> ''
),

scored as (
    select *, jaro_winkler_similarity(payee_key, name_key) as similarity
    from blocked
)

select *
from scored
where similarity >= 0.85
qualify row_number() over (
    partition by supplier_id order by similarity desc, is_active desc, register, entity_id
) <= 5
order by supplier_id, similarity desc, is_active desc, register, entity_id
