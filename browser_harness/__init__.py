"""Drive the dashboard in headless Chromium: for the browser tests, the benchmark, the load test and the replica check.

server    `streamlit run` on a free loopback port, waited for until healthy, stopped with all it started
chromium  Debian's Chromium with the flags that keep it offline
frontend  Streamlit's run state in the page (APP_IDLE_JS), its error boxes, screenshots
guard     pages that record requests outside localhost, console errors and failed requests
grid      st.dataframe, drawn on a canvas: row count, texts, row selection
maps      the MapLibre map, drawn with WebGL: its pixels, and waiting until it is drawn
axe       axe-core (vendored in vendor/axe-core) run on a page: its WCAG 2.2 A/AA violations
"""
