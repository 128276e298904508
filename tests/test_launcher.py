"""The launcher's Streamlit settings: every option of the project's config reaches the server."""

from __future__ import annotations

from streamlit import config as st_config

from dashboard.launcher import streamlit_flags


def test_every_flag_names_an_option_streamlit_knows() -> None:
    options = st_config.get_config_options()
    names = [flag.removeprefix("--").split("=", 1)[0] for flag in streamlit_flags()]
    assert names and [n for n in names if n not in options] == []


def test_served_app_skips_the_full_garbage_collection_after_each_run() -> None:
    # the forced collection after every page run took ~40 % of a serving process's CPU under
    # the load test (bench/RESULTS.md); Python's own collector still runs
    assert "--runner.postScriptGC=false" in streamlit_flags()
