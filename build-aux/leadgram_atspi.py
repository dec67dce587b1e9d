"""Drives a running Leadgram over AT-SPI, as a screen reader sees it, with
dogtail and pyatspi (Debian's python3-dogtail, in /usr/bin/python3): for the
screenshots (make-screenshots.py) and the accessible-names test
(tests/ui/check-accessible-names.py). Needs a display and a D-Bus session,
which starts the accessibility bus on demand. Importing it fails with
ImportError when dogtail is missing."""
import contextlib
import os
import subprocess
import sys
import tempfile
import time

# dogtail runs only when the desktop's settings or GTK_MODULES say that
# accessibility is on: GTK_MODULES, so that nothing writes the settings.
# GTK 4 itself ignores it.
os.environ["GTK_MODULES"] = "gail:atk-bridge"

import pyatspi  # noqa: E402
from dogtail import tree  # noqa: E402
from dogtail.config import config  # noqa: E402

config.logDebugToFile = False
config.logDebugToStdOut = False


def shown(node):
    """On screen: the pages of a stack that are not shown keep their nodes,
    with no size."""
    try:
        width, height = node.size
        return width > 0 and height > 0
    except Exception:
        return False


def clickable(node):
    try:
        return node.queryAction().nActions > 0
    except NotImplementedError:
        return False


def hidden(node):
    """A node with a size of nothing: a page of a stack not shown, whose
    whole tree is off screen too."""
    try:
        width, height = node.size
        return width <= 0 or height <= 0
    except Exception:  # the application, which has no size
        return False


def find(app, role, test, only_shown=True, actionable=False):
    """The first node of the role whose name passes test, or None; nodes that
    go away while the tree is read are passed over. Looking for a shown node
    skips the pages not shown: reading them takes seconds on a busy machine,
    longer than a toast's button lives."""
    def matches(node):
        try:
            return (node.getRoleName() == role and test(node.name) and
                    (not only_shown or shown(node)) and (not actionable or clickable(node)))
        except Exception:
            return False

    def search(node):
        if node is None or (only_shown and node is not app and hidden(node)):
            return None
        if matches(node):
            return node
        try:
            children = list(node)
        except Exception:
            return None
        for child in children:
            found = search(child)
            if found is not None:
                return found
        return None
    return search(app)


def wait_for(what, look, seconds=20, fail=True):
    """look()'s first true answer within the time, else an exit that says
    what was missing (or None when not fail)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = look()
        except Exception:  # a node that went away while being read
            found = None
        if found:
            return found
        time.sleep(0.25)
    if fail:
        sys.exit(f"not found after {seconds} s: {what}")
    return None


def click(node):
    """A menu button's node holds the toggle that does the clicking: find
    with actionable=True."""
    node.queryAction().doAction(0)


@contextlib.contextmanager
def running(build, **env):
    """Leadgram from the build tree on a new, empty database, with settings in
    memory; yields its application node."""
    with tempfile.TemporaryDirectory() as folder:
        app_env = dict(os.environ, NO_AT_BRIDGE="0", GTK_A11Y="atspi",
                       GSETTINGS_BACKEND="memory",
                       GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), **env)
        del app_env["GTK_MODULES"]
        process = subprocess.Popen([os.path.join(build, "src", "leadgram"),
                                    "--db", os.path.join(folder, "leadgram.db")],
                                   env=app_env, stderr=subprocess.DEVNULL)
        try:
            yield wait_for("Leadgram on the accessibility bus",
                           lambda: tree.root.application("leadgram"), seconds=30)
        finally:
            process.terminate()
            process.wait()
