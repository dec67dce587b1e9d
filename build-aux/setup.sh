#!/usr/bin/env bash
# Installs every Debian 12 package that Leadgram Desktop needs to build, run and
# test (only those missing), then configures and builds it in _build/.
#
#   build-aux/setup.sh          set up and build
#   build-aux/setup.sh run      ... then start the app
#   build-aux/setup.sh test     ... then run the whole test suite, and the non-UI
#                               suites again under ASan and UBSan (_build-asan/)
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libsoup-3.0-dev libjson-glib-dev libxml2-dev libstemmer-dev libarchive-dev
  # a team workspace on PostgreSQL: the client library, and the server the
  # tests run a throw-away cluster of
  libpq-dev postgresql-15
  # its password in the keyring, and the keyring the tests run of their own
  libsecret-1-dev gnome-keyring
  # the thesauri that widen offers with synonyms
  mythes-en-us mythes-ru
  # data validation and tests
  desktop-file-utils appstream sqlite3 xvfb xauth dbus dbus-x11 at-spi2-core
  python3 python3-dogtail python3-gi imagemagick
  # shows follow-up notifications on the screenshot desktop
  notification-daemon
  # what the running app looks like; the sample messages' emoji in the
  # screenshots (build-aux/make-screenshots.py)
  fonts-cantarell adwaita-icon-theme fonts-noto-color-emoji
  # a locale that groups digits, for the money formatting test
  locales
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The C locales group no digits: /leads/money/grouping needs en_US.UTF-8. The
# translation test and a Russian screenshot need ru_RU.UTF-8 (C.UTF-8 ignores
# LANGUAGE, so without it no translated string is ever shown).
for loc in en_US ru_RU; do
  if ! locale -a 2>/dev/null | grep -qix "${loc}\.utf-\?8"; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO sed -i "s/^# *\(${loc}\.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    need_locale_gen=1
  fi
done
if [ -n "${need_locale_gen:-}" ]; then
  $SUDO locale-gen
fi

if [ ! -d _build ]; then
  meson setup _build --buildtype=debugoptimized
fi
ninja -C _build

case "${1:-}" in
  run)
    shift
    exec meson devenv -C _build ./src/leadgram "$@"
    ;;
  test)
    xvfb-run -a -s "-screen 0 1280x800x24" \
      dbus-run-session -- meson test -C _build --print-errorlogs
    # Then the same code under AddressSanitizer and UndefinedBehaviorSanitizer
    # (leaks included): every suite but the UI's, and with them the fuzz
    # corpora (suite fuzz), which replay the inputs that once crashed.
    if [ ! -d _build-asan ]; then
      meson setup _build-asan --buildtype=debugoptimized \
        -Db_sanitize=address,undefined -Dbenchmarks=false
    fi
    ninja -C _build-asan
    exec meson test -C _build-asan --print-errorlogs --no-suite ui
    ;;
  "") ;;
  *)
    echo "usage: $0 [run|test]" >&2
    exit 2
    ;;
esac
