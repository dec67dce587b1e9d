#!/usr/bin/python3
"""What a screen reader hears as the names of Leadgram's buttons, read over
AT-SPI (dogtail) from the running app on the sample workspace: the templates'
buttons, a dialog's responses and a toast's button (both made by libadwaita).
No name carries a mnemonic's underscore or says its label twice, as GTK 4.8
makes them ("Open _Sample Workspace Open Sample Workspace").

    check-accessible-names.py LEADGRAM

Needs a display and a D-Bus session (meson's ui suite runs under xvfb-run and
dbus-run-session); the accessibility bus is started by D-Bus on demand. Exits
77 (skipped) without them or without dogtail (Debian's python3-dogtail)."""
import os
import re
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("no display or no D-Bus session: skipped")
    sys.exit(77)

# dogtail refuses to run unless the desktop's settings say accessibility is
# on, or GTK_MODULES names the bridge: the latter, so that this test writes
# no settings. GTK 4 itself ignores it.
os.environ["GTK_MODULES"] = "gail:atk-bridge"
try:
    import pyatspi
    from dogtail import tree
    from dogtail.config import config
except ImportError as e:
    print(f"dogtail is not installed ({e}): skipped")
    sys.exit(77)

config.searchShowingOnly = False
config.logDebugToFile = False
config.logDebugToStdOut = False

BUTTON_ROLES = ("push button", "toggle button", "check box", "radio button")


def wait_for(what, look, seconds=20, fail=True):
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


def shown(node):
    """On screen: hidden stack pages keep their nodes, with no size."""
    try:
        width, height = node.size
        return width > 0 and height > 0
    except Exception:
        return False


def find(app, role, test, only_shown=True):
    """The first node of the role whose name passes test; nodes that go away
    while the tree is searched are passed over."""
    def matches(node):
        try:
            return node.getRoleName() == role and test(node.name) and (not only_shown or
                                                                      shown(node))
        except Exception:
            return False
    return pyatspi.findDescendant(app, matches)


def shown_named(app, name, role):
    """Found by its name, or by the name GTK 4.8 would give it, for the checks
    to say what is wrong with it."""
    return find(app, role, lambda text: text.replace("_", "") in (name, f"{name} {name}"))


def button_names(app, only_shown):
    """Names of the buttons, shown or all: hidden stack pages are built from
    the same templates; a dialog's or toast's buttons are named when shown."""
    return {n.name for n in pyatspi.findAllDescendants(
        app, lambda n: n.getRoleName() in BUTTON_ROLES and (not only_shown or shown(n)))}


def wrong(name):
    """Why a screen reader would stumble over the name, or None."""
    for i, c in enumerate(name):
        if c == " " and name[:i].replace("_", "") == name[i + 1:]:
            return "says its label twice"
    # Handles such as @sample_dental_owners may hold underscores.
    if "_" in re.sub(r"@\w+", "", name):
        return "has a mnemonic underscore"
    return None


def check(where, names, expected=()):
    errors = [f"{where}: {name!r} {wrong(name)}" for name in sorted(names) if wrong(name)]
    errors += [f"{where}: no button named {name!r} among {sorted(names)}"
               for name in expected if name not in names]
    return errors


def main():
    app_path = sys.argv[1]
    errors = []
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, NO_AT_BRIDGE="0", GTK_A11Y="atspi")
        del env["GTK_MODULES"]
        process = subprocess.Popen([app_path, "--db", os.path.join(folder, "a11y.db")],
                                   env=env, stderr=subprocess.DEVNULL)
        try:
            app = wait_for("Leadgram on the accessibility bus",
                           lambda: tree.root.application("leadgram"))
            sample = wait_for("the Open Sample Workspace button",
                              lambda: shown_named(app, "Open Sample Workspace", "push button"))
            errors += check("empty window", {sample.name}, ["Open Sample Workspace"])
            sample.doActionNamed("click")
            wait_for("the sample workspace",
                     lambda: shown_named(app, "Remove Sample Data", "push button"))
            errors += check("main window", button_names(app, False),
                            ["Remove Sample Data", "New Search", "Add Cost", "Stale Only"])

            # A toast's button, made by libadwaita: a dismissed result's Undo.
            # The list keeps more rows than it shows; a click on one off screen
            # does nothing, so the rows are tried until one goes.
            undo = None
            for dismiss in pyatspi.findAllDescendants(
                    app, lambda n: n.getRoleName() == "push button" and n.name == "Dismiss"
                    and shown(n)):
                dismiss.doActionNamed("click")
                # It goes in seconds: its name is read as it is found.
                undo = wait_for("the toast's Undo button", lambda: find(
                    app, "push button", lambda text: "Undo" in text), seconds=3, fail=False)
                if undo is not None:
                    break
            if undo is None:
                sys.exit("no result could be dismissed: no toast to check")
            errors += check("toast", {undo.name}, ["Undo"])

            # A dialog's responses, made by libadwaita.
            wait_for("the Sources tab",
                     lambda: shown_named(app, "Sources", "page tab")).doActionNamed("click")
            wait_for("the Add Channel… button",
                     lambda: shown_named(app, "Add Channel…", "push button")).doActionNamed("click")
            wait_for("the dialog's Add button", lambda: shown_named(app, "Add", "push button"))
            errors += check("Add Channel dialog", button_names(app, True), ["Cancel", "Add"])
        finally:
            process.terminate()
            process.wait()

    for error in errors:
        print(error)
    if not errors:
        print("every button's name reads once, without an underscore")
    return 1 if errors else 0


sys.exit(main())
