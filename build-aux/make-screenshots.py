#!/usr/bin/python3
"""Takes the screenshots the AppStream metainfo lists (data/screenshots/):
Leadgram on its sample workspace, driven over AT-SPI with dogtail in a
throw-away X server the size of its window, in the light style and once in
the dark one. The metainfo names each file; a change of the views is a
reason to run this again and commit the new pictures.

    build-aux/make-screenshots.py [BUILD_DIR]     (default: _build)

Needs the Debian packages build-aux/setup.sh installs (xvfb, dbus,
at-spi2-core, python3-dogtail, imagemagick, the fonts and icons). Run with
Debian's /usr/bin/python3: dogtail is not in other Pythons."""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "screenshots")
# The main window's default size (data/org.leadgram.Desktop.gschema.xml): the
# X screen is made just as big, so the whole screen is the window.
WIDTH, HEIGHT = 1100, 740


def outer(build):
    """Starts an X server and a D-Bus session (which starts the accessibility
    bus on demand) and runs this script again inside them."""
    for tool in ("xvfb-run", "dbus-run-session", "import"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: run build-aux/setup.sh first")
    env = dict(os.environ, LEADGRAM_SCREENSHOTS_INNER="1")
    return subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24",
                            "dbus-run-session", "--", sys.executable, __file__, build],
                           env=env)


def inner(build):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from leadgram_atspi import click, find, running, wait_for

    def named(app, role, name):
        return wait_for(f"{role} “{name}”", lambda: find(app, role, lambda text: text == name,
                                                         actionable=True), seconds=30)

    def shoot(name):
        # Animations and searches settle first.
        time.sleep(2)
        path = os.path.join(OUT, name)
        subprocess.check_call(["import", "-window", "root", path])
        print("wrote", os.path.relpath(path, ROOT))

    def light(app):
        # The sample workspace opens on its search's results.
        named(app, "push button", "Why This Score")
        shoot("find-leads.png")
        click(named(app, "page tab", "Pipeline"))
        shoot("pipeline.png")
        click(named(app, "push button", "Move Chris Baker to…"))
        click(named(app, "menu item", "Open Details"))
        named(app, "push button", "Mark Contacted")
        shoot("lead-details.png")
        click(named(app, "page tab", "Insights"))
        shoot("insights.png")

    def dark(app):
        click(named(app, "page tab", "Pipeline"))
        shoot("pipeline-dark.png")

    os.makedirs(OUT, exist_ok=True)
    for style, steps in (("prefer-light", light), ("prefer-dark", dark)):
        with running(build, ADW_DEBUG_COLOR_SCHEME=style) as app:
            click(named(app, "push button", "Open Sample Workspace"))
            named(app, "push button", "Remove Sample Data")
            steps(app)
    return 0


build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "_build"))
if not os.path.exists(os.path.join(build, "src", "leadgram")):
    sys.exit(f"no Leadgram built in {build}: run build-aux/setup.sh first")
sys.exit(inner(build) if os.environ.get("LEADGRAM_SCREENSHOTS_INNER") else outer(build))
