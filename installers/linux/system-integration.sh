#!/bin/sh
# What the Linux packages do to the system beyond unpacking /opt/incident-workbench, in one place:
# the .deb's postinst/prerm and the .rpm's %post/%preun (resources/) both call it.
#   system-integration.sh install   give the jar back its build time (for the class-data-sharing archive);
#                                   link the launcher into /usr/bin; register the menu entry and the
#                                   .iwbundle file type where the machine has a desktop menu
#   system-integration.sh remove    undo exactly that, judged from what is on disk (no state file)
# An optional step never fails the install: where it cannot run it is skipped with one line saying why
# (jpackage's own postinst ran xdg-desktop-menu under `set -e`, which exits 3 on a machine without a
# menu directory and left the package half-configured). Always exits 0.
set -u
lib="$(cd "$(dirname "$0")" && pwd)"
app="$(dirname "$lib")"
launcher="$app/bin/incident-workbench"
desktop="$lib/incident-workbench-incident-workbench.desktop"
mime="$lib/incident-workbench-incident-workbench-MimeInfo.xml"
# both names: `incident-workbench` as the package is called, `workbench` as the README's commands say
links="/usr/bin/incident-workbench /usr/bin/workbench"
say() { echo "incident-workbench: $*"; }

# The directories xdg-desktop-menu --mode system writes to; it exits 3 ("No writable system menu
# directory found") when any of them is missing, as on a server without a desktop.
writable_under() { # $1: colon-separated base directories, $2: subdirectory
  for base in $(echo "$1" | tr ':' ' '); do
    if [ -d "$base/$2" ] && [ -w "$base/$2" ]; then return 0; fi
  done
  return 1
}
missing_menu_dir() { # prints the first one missing
  data="${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
  writable_under "${XDG_CONFIG_DIRS:-/etc/xdg}" menus || { echo "${XDG_CONFIG_DIRS:-/etc/xdg}/menus"; return 0; }
  writable_under "$data" desktop-directories || { echo "share/desktop-directories"; return 0; }
  writable_under "$data" applications || { echo "share/applications"; return 0; }
  return 1
}
# Where an earlier install put our entry and type (to remove them whatever XDG_* says now).
registered_files() {
  for base in $(echo "${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:/usr/local/share:/usr/share" | tr ':' ' '); do
    for f in "$base/applications/$(basename "$desktop")" "$base/mime/packages/$(basename "$mime")"; do
      [ -e "$f" ] && echo "$f"
    done
  done | sort -u
}

ours() { [ -L "$1" ] && [ "$(readlink "$1")" = "$launcher" ]; }

install() {
  # jpackage copies the image into the package without its file times, and JDK 17 maps the class-data-
  # sharing archive only for the jar's time at training (jpackage.sh wrote it down): put it back. If
  # this fails the launcher starts without the archive, no slower than before.
  if [ -f "$lib/app/workbench.jsa.jar-time" ]; then
    touch -d "@$(cat "$lib/app/workbench.jsa.jar-time")" "$lib/app/workbench.jar" || true
  fi
  for link in $links; do
    if ours "$link"; then :
    elif [ -e "$link" ] || [ -L "$link" ]; then say "$link already exists and is not ours; left alone (run $launcher instead)."
    else ln -s "$launcher" "$link"; fi
  done
  if ! command -v xdg-desktop-menu >/dev/null 2>&1 || ! command -v xdg-mime >/dev/null 2>&1; then
    say "menu entry and .iwbundle file type skipped: xdg-desktop-menu/xdg-mime are not installed (package xdg-utils)."
  elif missing="$(missing_menu_dir)"; then
    say "menu entry and .iwbundle file type skipped: this machine has no desktop menu (no writable $missing)."
  elif xdg-desktop-menu install --mode system "$desktop" && xdg-mime install --mode system "$mime"; then
    say "menu entry and .iwbundle file type registered."
  else
    say "menu entry and .iwbundle file type skipped: xdg-utils failed (exit $?); the launcher works without them."
  fi
}

remove() {
  for link in $links; do
    if ours "$link"; then rm -f "$link"; fi
  done
  files="$(registered_files)"
  [ -n "$files" ] || return 0
  if command -v xdg-desktop-menu >/dev/null 2>&1 && command -v xdg-mime >/dev/null 2>&1; then
    xdg-desktop-menu uninstall --mode system "$desktop" || true
    xdg-mime uninstall --mode system "$mime" || true
  fi
  # whatever xdg-utils could not remove (it may be gone, or XDG_* may point elsewhere now)
  for f in $(registered_files); do
    rm -f "$f"
    case "$f" in */mime/packages/*) command -v update-mime-database >/dev/null 2>&1 && update-mime-database "${f%/packages/*}" || true ;; esac
  done
  say "menu entry and .iwbundle file type removed."
}

case "${1:-}" in
  install) install ;;
  remove) remove ;;
  *) echo "usage: $0 install|remove" >&2 ;;
esac
exit 0
