"""The national open registers: Companies House, the Charity Commission, NHS ODS and GIAS, and links to them."""
