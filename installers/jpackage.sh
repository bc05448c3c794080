#!/usr/bin/env bash
# Packages the shaded app jar with jpackage (JDK 17). Run by the installers module's Maven build:
#   installers/jpackage.sh app-image|deb|rpm|msi|dmg OUTDIR
# Every choice below is explained beside it; sizes and times go to OUTDIR/TYPE.json.
set -euo pipefail
type="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/app/target/workbench.jar"
name=incident-workbench
# The version is set in one place, <revision> in the root pom.xml (the jar's manifest reads it too).
version="$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -n 1)"
# jpackage wants 1-3 numbers, and a package must say what it is: no -SNAPSHOT.
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { echo "jpackage.sh: the version in pom.xml (<revision>) is '$version'; packages need a release version such as 0.1.0." >&2; exit 2; }
# Every packaged version has its CHANGELOG.md entry (copied into the packages below).
changes="$(awk -v v="$version" '/^## / { if (seen) exit; if ($2 == v) { seen = 1; next } } seen' "$root/CHANGELOG.md")"
[ -n "$changes" ] || { echo "jpackage.sh: CHANGELOG.md has no '## $version (date)' entry; add one before packaging $version." >&2; exit 2; }
[ -f "$jar" ] || { echo "jpackage.sh: $jar is missing; build the app first (mvn -pl app -am package)." >&2; exit 2; }
command -v jpackage >/dev/null || { echo "jpackage.sh: no jpackage on the PATH; install a full JDK 17 (openjdk-17-jdk)." >&2; exit 2; }
mkdir -p "$out"
start=$(date +%s%N)

image="$out/$name"
# The README's first sentence; the package managers show it.
summary="A desktop workbench for investigating incidents on Linux servers over SSH"
installed=/opt/$name   # where the .deb and the .rpm put the image
maintainer_email="maintainers@incident-workbench.invalid"
maintainer="Incident Workbench maintainers <$maintainer_email>"

# The workbench's class-data-sharing archive (JDK 17 dynamic AppCDS, lib/app/workbench.jsa): the classes
# a training run loads (CdsTraining: triage --local, a bundle check, the window under xvfb-run), which
# the launcher then maps instead of loading and verifying them from the jar. JDK 17 accepts it only for
# the jar path, size and modification time it was made with, so the training runs with the image
# mounted at its installed path, /opt/incident-workbench, in a private mount namespace (root, or a user
# namespace). jpackage copies the image into the .deb/.rpm without file times, so the jar's time is
# written down beside the archive and lib/system-integration.sh puts it back on install.
# Elsewhere (the image run from target/) the launcher silently starts without it; where no namespace can
# be made, the image has no archive and says so here.
cds_archive() {
  local jsa="$installed/lib/app/workbench.jsa" ns now; now="$(date +%s)"
  find "$image" -exec touch -h -d "@$now" {} +
  # the packages' install step restores this time (jpackage's copy into the package loses it)
  echo "$now" >"$image/lib/app/workbench.jsa.jar-time"
  if [ "$(id -u)" = 0 ]; then ns=(unshare --mount); else ns=(unshare --map-root-user --mount); fi
  local display=(env -u DISPLAY -u WAYLAND_DISPLAY)
  command -v xvfb-run >/dev/null 2>&1 && display+=(xvfb-run -a -s "-screen 0 1600x1000x24")
  if "${ns[@]}" bash -c 'mount --make-rprivate / && mount -t tmpfs tmpfs /opt && mkdir "$2" && mount --bind "$1" "$2" && shift 2 && "$@"' \
      cds "$image" "$installed" "${display[@]}" env JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$jsa -Dworkbench.cds.training=true" \
      "$installed/bin/$name" >"$out/cds-training.log" 2>&1 && [ -s "$image/lib/app/workbench.jsa" ]; then
    # $APPDIR is the launcher's lib/app; the logging options keep a mismatch (the image run elsewhere) quiet
    printf '%s\n' 'java-options=-XX:SharedArchiveFile=$APPDIR/workbench.jsa' 'java-options=-Xlog:cds=off' \
      'java-options=-Xlog:cds+dynamic=off' >>"$image/lib/app/$name.cfg"
    echo "jpackage.sh: class-data-sharing archive $(du -h "$image/lib/app/workbench.jsa" | cut -f1) written for $installed."
  else
    rm -f "$image/lib/app/workbench.jsa"
    echo "jpackage.sh: no class-data-sharing archive (could not run the training in a mount namespace at $installed; see $out/cds-training.log); the packages start without it." >&2
  fi
}
if [ "$type" = app-image ] || [ ! -d "$image" ]; then
  rm -rf "$image" "$out/input"
  mkdir -p "$out/input"
  cp "$jar" "$out/input/"
  # JavaFX's native libraries beside the jar (lib/app), where JavaFX loads them directly; otherwise it copies
  # them out of the jar into ~/.openjfx/cache and checksums them at every start (about 100 ms; see ./workbench)
  # shellcheck disable=SC2046
  (cd "$out/input" && jar xf workbench.jar $(jar tf workbench.jar | grep -E '^[^/]+\.so$'))
  # The runtime is trimmed with jlink to what the jar needs (jdeps), plus modules loaded only
  # through service lookups that jdeps cannot see:
  #   jdk.crypto.ec  JSch's ECDH key exchange and ECDSA/Ed25519 keys on JDK 17 (STACK.md)
  #   java.prefs     the window remembers its size and recent hosts
  #   jdk.zipfs      incident bundles are zip files
  #   jdk.charsets   remote output in legacy encodings decodes instead of failing
  # jdk.localedata (about 20 MB) is left out: the window formats times as ISO 8601, the same in every locale.
  # --compress=2 zips the module image: about a third smaller for a slightly slower first class load.
  # --generate-cds-archive writes the runtime's base class-data-sharing archive (lib/server/classes.jsa),
  # which the workbench's own archive below builds on; jlink runs the image's bin/java for it, so the
  # native commands stay (about 100 KB).
  mods="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" | tail -n 1)"
  mods="$mods,jdk.crypto.ec,java.prefs,jdk.zipfs,jdk.charsets"
  jpackage --type app-image --name "$name" --app-version "$version" \
    --input "$out/input" --main-jar workbench.jar --main-class org.incidentworkbench.app.Launcher \
    --add-modules "$mods" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive" \
    --icon "$here/linux/incident-workbench.png" \
    --description "$summary" --vendor "Incident Workbench" --dest "$out"
  # What the packages add beside jpackage's image: the script their install/removal scripts share, and
  # the changelog.
  # the base archive for heaps over 32 GB (no compressed oops): 11 MB the workbench never uses
  rm -f "$image/lib/runtime/lib/server/classes_nocoops.jsa"
  install -m 755 "$here/linux/system-integration.sh" "$image/lib/system-integration.sh"
  install -m 644 "$root/CHANGELOG.md" "$image/lib/CHANGELOG.md"   # jpackage rewrites share/doc
  cds_archive
fi

case "$type" in
  app-image) ;;
  deb|rpm)
    # JavaFX's natives live inside the jar, so jpackage's dependency scan misses GTK: name it.
    # linux/resources holds our desktop entry: jpackage's own has no %f, so a double-clicked
    # bundle would open the window without the bundle.
    # linux/resources also holds our postinst/prerm (.deb) and spec (.rpm): they call the image's
    # lib/system-integration.sh instead of jpackage's scripts (see that file for why).
    # Metadata: the summary is the README's; no homepage is published yet, so none is given (jpackage
    # omits the field); the repository has no licence yet, which linux/copyright and rpm's License say;
    # the maintainer address is a placeholder in the reserved .invalid domain until there is a real one.
    gtk=libgtk-3-0; [ "$type" = rpm ] && gtk=gtk3
    resources="$out/resources-$type"
    rm -rf "$resources"; cp -r "$here/linux/resources" "$resources"
    # the rpm's changelog entry, from CHANGELOG.md (rpm wants "* Day Mon DD YYYY who - version-release")
    date="$(sed -n "s/^## $version (\(.*\))/\1/p" "$root/CHANGELOG.md")"
    { echo "* $(LC_ALL=C date -d "$date" '+%a %b %d %Y') $maintainer - $version-1"
      echo "$changes" | sed -n 's/^- /- /p; s/^  \+/  /p'; } >>"$resources/$name.spec"
    jpackage --type "$type" --app-image "$image" --name "$name" --app-version "$version" \
      --linux-package-deps "$gtk" --linux-shortcut --linux-menu-group "System;Monitor" \
      --linux-app-category admin --linux-package-name "$name" \
      --resource-dir "$resources" --license-file "$here/linux/copyright" \
      --file-associations "$here/linux/bundle-association.properties" \
      --icon "$here/linux/incident-workbench.png" \
      --description "$summary" --vendor "Incident Workbench" \
      --linux-deb-maintainer "$maintainer_email" --linux-rpm-license-type "none chosen yet (see the copyright file)" \
      --dest "$out" ;;
  msi)
    # On Windows (with the WiX toolset 3 on the PATH), from Git Bash.
    jpackage --type msi --app-image "$image" --name "$name" --app-version "$version" \
      --win-menu --win-shortcut --win-dir-chooser --win-menu-group "Incident Workbench" \
      --file-associations "$here/windows/bundle-association.properties" --dest "$out" ;;
  dmg)
    # On macOS; the app image must then be built there too (it carries a macOS runtime).
    jpackage --type dmg --app-image "$image" --name "$name" --app-version "$version" \
      --mac-package-identifier org.incidentworkbench.app --mac-package-name "Incident Workbench" \
      --file-associations "$here/macos/bundle-association.properties" --dest "$out" ;;
  *) echo "jpackage.sh: unknown type '$type' (app-image, deb, rpm, msi or dmg)." >&2; exit 2 ;;
esac

end=$(date +%s%N)
if [ "$type" = app-image ]; then artifact="$image"; else artifact="$(ls -t "$out"/*."$type" 2>/dev/null | head -n 1)"; fi
bytes=$(du -sb "$artifact" | cut -f1)
printf '{"type":"%s","artifact":"%s","bytes":%s,"seconds":%s}\n' "$type" "$artifact" "$bytes" "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')" | tee "$out/$type.json"
