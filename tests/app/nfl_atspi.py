"""nfl_atspi: what the end-to-end tests of the real netfilter-lab binary share.

A private session bus, pyatspi, TAP results, walking the accessibility
tree, and real pointer clicks with xdotool.  Importing it skips the test
(with the reason, as TAP) when the bus, pyatspi, the binary or a display
is missing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def finish():
    if BUS_PID:
        try:
            os.kill(BUS_PID, 15)
        except OSError:
            pass
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    sys.exit(0)


def start_session_bus():
    """A private session bus, forked, its address in our environment."""
    try:
        p = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = p.stdout.split()
    if p.returncode != 0 or len(lines) < 2:
        return None
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = lines[0]
    return int(lines[1])


BUS_PID = start_session_bus()
if BUS_PID is None:
    print("1..0 # SKIP could not start a session bus (dbus-daemon)")
    sys.exit(0)

try:
    import pyatspi
except ImportError:
    os.kill(BUS_PID, 15)
    print("1..0 # SKIP pyatspi is not installed (python3-pyatspi)")
    sys.exit(0)

def skip(reason):
    os.kill(BUS_PID, 15)
    print("1..0 # SKIP " + reason)
    sys.exit(0)


BINARY = os.environ.get("NETFILTER_LAB")
if not BINARY or not os.access(BINARY, os.X_OK):
    skip("NETFILTER_LAB does not name the netfilter-lab binary (run through meson test)")
if not os.environ.get("DISPLAY"):
    skip("no display: run under xvfb-run")


def walk(node, depth=0):
    if node is None or depth > 40:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find_app(timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name in ("netfilter-lab", "Netfilter Lab"):
                return app
        time.sleep(0.2)
    return None


def named(app, name, role=None):
    for node in walk(app):
        try:
            if node.name == name and (role is None or node.getRoleName() == role):
                return node
        except Exception:
            continue
    return None


def texts(app):
    out = []
    for node in walk(app):
        try:
            out.append(node.name or "")
        except Exception:
            continue
        try:
            text = node.queryText()
            out.append(text.getText(0, -1))
        except Exception:
            pass
    return out


def wait_until(condition, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.2)
    return condition()




def extents(node):
    """The node's middle on the screen (desktop and window coordinates
    agree under Xvfb without a window manager)."""
    ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return ext.x + ext.width // 2, ext.y + ext.height // 2


def popover_offset(node):
    """GTK 4.8 reports a popover's children in the coordinates of the
    window the popover points into, but draws the popover in an X window
    of its own: the shift from the one to the other (0, 0 outside a
    popover), found as the visible X window of the popover's size."""
    menu = node
    while menu is not None and not (menu.getRoleName() == "menu" and menu.name.startswith("GtkPopover")):
        menu = menu.parent
    if menu is None:
        return 0, 0
    ext = menu.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", ""],
                           stdout=subprocess.PIPE, text=True, timeout=10).stdout.split()
    for window in found:
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window],
                                  stdout=subprocess.PIPE, text=True, timeout=10).stdout
        g = dict(line.split("=", 1) for line in geometry.split())
        if int(g["WIDTH"]) == ext.width and int(g["HEIGHT"]) == ext.height:
            return int(g["X"]) - ext.x, int(g["Y"]) - ext.y
    return 0, 0


def toplevel_window(node):
    """The X window of the toplevel @node is in (its title is the
    toplevel's name), or None."""
    top = node
    while top is not None and top.parent is not None and top.parent.getRoleName() != "application":
        top = top.parent
    if top is None or not top.name:
        return None
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(top.name)],
                           stdout=subprocess.PIPE, text=True, timeout=10).stdout.split()
    return found[-1] if found else None


def click(node):
    """A real click at the middle of @node, as a user makes it."""
    x, y = extents(node)
    dx, dy = popover_offset(node)
    window = toplevel_window(node) if (dx, dy) == (0, 0) else None
    if window is not None:
        # a dialog is a window of its own, placed where the X server likes
        subprocess.run(["xdotool", "mousemove", "--window", window, str(x), str(y), "click", "1"],
                       check=True, timeout=10)
    else:
        subprocess.run(["xdotool", "mousemove", str(x + dx), str(y + dy), "click", "1"], check=True, timeout=10)
    time.sleep(0.4)   # GTK drops a second click within 250 ms


def keys(*names):
    subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(names), check=True, timeout=10)
    time.sleep(0.3)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "5", text], check=True, timeout=60)
    time.sleep(0.3)


def start_program(*args):
    """The binary (with @args, e.g. a file to open) with a data folder of
    its own; returns (process, folder)."""
    data_home = tempfile.mkdtemp(prefix="nfl-atspi.")
    env = dict(os.environ, XDG_DATA_HOME=data_home, GSETTINGS_BACKEND="memory")
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    proc = subprocess.Popen([BINARY] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, data_home


def stop_program(proc, data_home):
    """Ends it and checks that it printed no warning or critical."""
    proc.terminate()
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    shutil.rmtree(data_home, ignore_errors=True)
    critical = [l for l in err.splitlines() if "CRITICAL" in l or "WARNING" in l]
    check("no warnings or criticals on stderr", not critical, "\n".join(critical[:10]))
