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
# jpackage wants a purely numeric version (1-3 parts); drop the -SNAPSHOT qualifier.
version="$(sed -n 's:.*<version>\([0-9.]*\).*</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
[ -f "$jar" ] || { echo "jpackage.sh: $jar is missing; build the app first (mvn -pl app -am package)." >&2; exit 2; }
command -v jpackage >/dev/null || { echo "jpackage.sh: no jpackage on the PATH; install a full JDK 17 (openjdk-17-jdk)." >&2; exit 2; }
mkdir -p "$out"
start=$(date +%s%N)

image="$out/$name"
if [ "$type" = app-image ] || [ ! -d "$image" ]; then
  rm -rf "$image" "$out/input"
  mkdir -p "$out/input"
  cp "$jar" "$out/input/"
  # The runtime is trimmed with jlink to what the jar needs (jdeps), plus modules loaded only
  # through service lookups that jdeps cannot see:
  #   jdk.crypto.ec  JSch's ECDH key exchange and ECDSA/Ed25519 keys on JDK 17 (STACK.md)
  #   java.prefs     the window remembers its size and recent hosts
  #   jdk.zipfs      incident bundles are zip files
  #   jdk.charsets   remote output in legacy encodings decodes instead of failing
  # jdk.localedata (about 20 MB) is left out: the window formats times as ISO 8601, the same in every locale.
  # --compress=2 zips the module image: about a third smaller for a slightly slower first class load.
  mods="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" | tail -n 1)"
  mods="$mods,jdk.crypto.ec,java.prefs,jdk.zipfs,jdk.charsets"
  jpackage --type app-image --name "$name" --app-version "$version" \
    --input "$out/input" --main-jar workbench.jar --main-class org.incidentworkbench.app.Launcher \
    --add-modules "$mods" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2" \
    --icon "$here/linux/incident-workbench.png" \
    --description "Investigate misbehaving Linux servers over SSH" \
    --vendor "Incident Workbench" --dest "$out"
fi

case "$type" in
  app-image) ;;
  deb|rpm)
    # JavaFX's natives live inside the jar, so jpackage's dependency scan misses GTK: name it.
    # linux/resources holds our desktop entry: jpackage's own has no %f, so a double-clicked
    # bundle would open the window without the bundle.
    gtk=libgtk-3-0; [ "$type" = rpm ] && gtk=gtk3
    jpackage --type "$type" --app-image "$image" --name "$name" --app-version "$version" \
      --linux-package-deps "$gtk" --linux-shortcut --linux-menu-group "System;Monitor" \
      --linux-app-category admin --linux-package-name "$name" \
      --resource-dir "$here/linux/resources" \
      --file-associations "$here/linux/bundle-association.properties" \
      --icon "$here/linux/incident-workbench.png" \
      --description "Investigate misbehaving Linux servers over SSH" \
      --vendor "Incident Workbench" --linux-deb-maintainer "maintainers@incidentworkbench.org" \
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
