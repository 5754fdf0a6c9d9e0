-- Companies House "Free Company Data Product" (BasicCompanyData*.csv, one file or its parts) as register
-- entities; one row per company. The files' header has been checked against the published layout first.
-- Params: $files (CSV paths), $columns (the published layout, column name -> VARCHAR, in order)
with raw as (
    select *
    from read_csv(
        $files, header = true, columns = $columns, delim = ',', quote = '"', escape = '"',
        ignore_errors = true, store_rejects = true, max_line_size = 1048576
    )
),

numbered as (
    select
        *,
        upper(trim(companynumber)) as number_text,
        lower(coalesce(companycategory, '')) as category_text
    from raw
    where nullif(trim(companyname), '') is not null and nullif(trim(companynumber), '') is not null
)

select
    case when regexp_matches(number_text, '^[0-9]{1,8}$') then lpad(number_text, 8, '0') else number_text end
        as entity_id,
    trim(companyname) as name,
    register_name_key(companyname) as name_key,
    list_filter(
        [
            "PreviousName_1.CompanyName", "PreviousName_2.CompanyName", "PreviousName_3.CompanyName",
            "PreviousName_4.CompanyName", "PreviousName_5.CompanyName", "PreviousName_6.CompanyName",
            "PreviousName_7.CompanyName", "PreviousName_8.CompanyName", "PreviousName_9.CompanyName",
            "PreviousName_10.CompanyName"
        ],
        x -> nullif(trim(x), '') is not null
    ) as previous_names,
    register_postcode("RegAddress.PostCode") as postcode,
    companystatus as status,
    coalesce(companystatus ilike 'active%', false) as is_active,
    companycategory as category,
    case
        when category_text like '%community interest%' then 'cic'
        when category_text like '%charitable incorporated%' then 'cio'
        when category_text like '%registered society%' or category_text like '%industrial and provident%'
            then 'society'
        when category_text like '%guarantee%' or category_text like '%lbg%' or category_text like '%guar%'
            then 'guarantee'
        when category_text like '%further education%' then 'public'
        when category_text like '%limited liability partnership%' then 'llp'
        when category_text like 'public limited%' or category_text = 'old public company' then 'plc'
        when category_text like '%private limited company%' then 'ltd'
        when category_text like '%unlimited%' then 'unlimited'
        when category_text like '%limited partnership%' then 'lp'
        when category_text like '%royal charter%' then 'charter'
        else nullif(category_text, '')
    end as org_kind,
    upper(trim("Accounts.AccountCategory")) as accounts_category,
    list_filter(
        [
            regexp_extract("SICCode.SicText_1", '^\s*([0-9]{4,5})\b', 1),
            regexp_extract("SICCode.SicText_2", '^\s*([0-9]{4,5})\b', 1),
            regexp_extract("SICCode.SicText_3", '^\s*([0-9]{4,5})\b', 1),
            regexp_extract("SICCode.SicText_4", '^\s*([0-9]{4,5})\b', 1)
        ],
        x -> x <> ''
    ) as sic_codes,
    case when regexp_matches(number_text, '^[0-9]{1,8}$') then lpad(number_text, 8, '0') else number_text end
        as company_number,
    cast(null as varchar) as charity_number
from numbered
