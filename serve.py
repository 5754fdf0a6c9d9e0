"""The app's server: `streamlit run serve.py` serves app.py and warms its caches as the server starts, so that
the first person to open the dashboard waits neither for imports nor for the default view's numbers.
(`streamlit run app.py` serves the same app and starts warming on its first visit.)"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from streamlit.starlette import App


@asynccontextmanager
async def _warm_at_start(_app: App) -> AsyncIterator[None]:
    from anchorspend.ui import warm  # after the runtime has started: the app's caches are the runtime's

    warm.start()
    yield


app = App("app.py", lifespan=_warm_at_start)
