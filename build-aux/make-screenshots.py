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
import tempfile
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
    # dogtail runs only when the desktop's settings or GTK_MODULES say that
    # accessibility is on: GTK_MODULES, so that no setting is written.
    os.environ["GTK_MODULES"] = "gail:atk-bridge"
    import pyatspi
    from dogtail import tree
    from dogtail.config import config

    config.logDebugToFile = False
    config.logDebugToStdOut = False

    def shown(node):
        try:
            width, height = node.size
            return width > 0 and height > 0
        except Exception:
            return False

    def actions(node):
        try:
            return node.queryAction().nActions
        except NotImplementedError:
            return 0

    def find(app, role, name, seconds=30, clickable=False):
        def matches(node):
            try:
                return (node.getRoleName() == role and node.name == name and shown(node) and
                        (not clickable or actions(node) > 0))
            except Exception:  # a node that went away while the tree was read
                return False
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            node = pyatspi.findDescendant(app, matches)
            if node is not None:
                return node
            time.sleep(0.25)
        sys.exit(f"not found after {seconds} s: {role} “{name}”")

    def click(app, role, name):
        # A menu button's node holds the toggle that does the clicking.
        node = find(app, role, name, clickable=True)
        node.queryAction().doAction(0)

    def shoot(name):
        # Animations and searches settle first.
        time.sleep(2)
        path = os.path.join(OUT, name)
        subprocess.check_call(["import", "-window", "root", path])
        print("wrote", os.path.relpath(path, ROOT))

    def run(style, steps):
        with tempfile.TemporaryDirectory() as folder:
            env = dict(os.environ, GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="0",
                       GTK_A11Y="atspi", ADW_DEBUG_COLOR_SCHEME=style,
                       GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
            del env["GTK_MODULES"]
            app_process = subprocess.Popen(
                [os.path.join(build, "src", "leadgram"), "--db", os.path.join(folder, "sample.db")],
                env=env, stderr=subprocess.DEVNULL)
            try:
                end = time.monotonic() + 30
                app = None
                while app is None and time.monotonic() < end:
                    try:
                        app = tree.root.application("leadgram")
                    except Exception:
                        time.sleep(0.5)
                if app is None:
                    sys.exit("Leadgram did not show up on the accessibility bus")
                click(app, "push button", "Open Sample Workspace")
                find(app, "push button", "Remove Sample Data")
                steps(app)
            finally:
                app_process.terminate()
                app_process.wait()

    def light(app):
        # The sample workspace opens on its search's results.
        find(app, "push button", "Why This Score")
        shoot("find-leads.png")
        click(app, "page tab", "Pipeline")
        shoot("pipeline.png")
        click(app, "push button", "Move Chris Baker to…")
        click(app, "menu item", "Open Details")
        find(app, "push button", "Mark Contacted")
        shoot("lead-details.png")
        click(app, "page tab", "Insights")
        shoot("insights.png")

    def dark(app):
        click(app, "page tab", "Pipeline")
        shoot("pipeline-dark.png")

    os.makedirs(OUT, exist_ok=True)
    run("prefer-light", light)
    run("prefer-dark", dark)
    return 0


build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "_build"))
if not os.path.exists(os.path.join(build, "src", "leadgram")):
    sys.exit(f"no Leadgram built in {build}: run build-aux/setup.sh first")
sys.exit(inner(build) if os.environ.get("LEADGRAM_SCREENSHOTS_INNER") else outer(build))
