"""The app as the tests open it: app.py run from a folder with no pages/ beside this entry script.

AppTest puts Streamlit back into its old pages/-folder mode before every run when the entry script has a pages/
folder beside it; from here every run goes through app.py's router, as every run after the first does on a
server. Pages are then opened with at.switch_page(app_store.page("map")).
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent.parent / "app.py"), run_name="__main__")
