# Incident Workbench metric sampler: prints one framed snapshot of /proc every interval until
# its output channel closes. Arguments: $1 interval in seconds, $2 run df every Nth frame.
# Frame format and costs: see SamplerScript.java. Read-only: it writes nothing but stdout.
# A template: SamplerScript fills the @...@ lines from the registered sources (sample.source.ProcSources).
LC_ALL=C; export LC_ALL
trap 'exit 0' HUP PIPE TERM INT
iv=${1:-1}; de=${2:-10}
# the sources' files that exist and read here (an older kernel has no /proc/pressure): builtins only
F=; for f in @FILES@; do { read -r _ < "$f"; } 2>/dev/null && F="$F $f"; done
pg=$(getconf PAGESIZE 2>/dev/null) || pg=4096
nl='
'
# the sources' setup: the regular expressions of the bash filters below, feature checks
@SETUP@
sh=sh; wait=sleep
if [ -n "${BASH_VERSION:-}" ] && eval 'exec 3<> <(:)' 2>/dev/null; then sh=bash; wait=read; fi
clock=s
if [ -n "${EPOCHREALTIME:-}" ]; then clock=us
else case $(date +%N 2>/dev/null) in *[!0-9]*|'') ;; *) clock=ns ;; esac; fi
# no sub-second wall clock (BusyBox date has no %N): /proc/uptime's centiseconds, anchored to the moment
# date's second ticks (polled every 2 ms, once, for at most a second), then kept within date's second each frame
bz=
if [ $clock = s ] && read -r u _ < /proc/uptime 2>/dev/null; then
  s0=$(date +%s); i=0; up=$(( ${u%.*} * 100 + 1${u#*.} - 100 ))
  while [ $i -lt 500 ]; do
    s1=$(date +%s); read -r u _ < /proc/uptime; uc=$(( ${u%.*} * 100 + 1${u#*.} - 100 ))
    if [ "$s1" != "$s0" ]; then bz=$(( s1 * 100 - (up + uc) / 2 )); clock=uptime; break; fi
    up=$uc; i=$((i+1)); sleep 0.002 2>/dev/null || break
  done
fi
printf '#iw-hello 1 interval=%s df_every=%s pagesize=%s shell=%s clock=%s df_local=%s\n' \
  "$iv" "$de" "$pg" "$sh" "$clock" "${L:-no}" || exit 0
n=0
while :; do
  case $clock in us) t=$EPOCHREALTIME ;; ns) t=$(date +%s.%N) ;; *) t=$(date +%s) ;; esac
  if [ $clock = uptime ]; then
    read -r u _ < /proc/uptime; c=$(( bz + ${u%.*} * 100 + 1${u#*.} - 100 ))
    # the wall clock was stepped or slewed: move the anchor back inside date's second
    if [ $c -lt $((t * 100)) ]; then bz=$((bz + t * 100 - c)); c=$((t * 100))
    elif [ $c -gt $((t * 100 + 99)) ]; then bz=$((bz - c + t * 100 + 99)); c=$((t * 100 + 99)); fi
    t=${c%??}.${c#"${c%??}"}
  fi
  if [ $sh = bash ]; then
    b=
    for f in $F; do
      c=; IFS= read -r -d '' c < "$f"
      # keep only the lines the parser reads: /proc/vmstat is half a frame, /proc/stat grows with CPUs and IRQs.
      # One regex per run of adjacent lines (a match costs ~0.03 ms; bash's ${c#*x} is quadratic), one per key
      # as the fallback when a kernel orders them differently.
      keep=; filt=1
      case $f in
        @FILTERS@
        *) filt= ;;
      esac
      for k in $keep; do re="$nl($k +[0-9]+[^$nl]*$nl)"; [[ $nl$c =~ $re ]] && s=$s${BASH_REMATCH[1]}; done
      [ -n "$filt" ] && c=$s
      [ -n "$b" ] && b=$b$nl
      b="$b==> $f <==$nl$c"
    done
    b=${b%"$nl"}
  else
    b=$(head -n 100000 $F 2>/dev/null)
  fi
  if [ $((n % de)) -eq 0 ]; then
    @EVERY_NTH@
  fi
  printf '#iw-frame %s %s\n%s\n#iw-end %s %s\n' "$n" "$t" "$b" "$n" "${#b}" || exit 0
  n=$((n+1))
  # read -t times out with a status above 128; anything else (bash 3 refuses fractions) falls back to sleep
  if [ $wait = read ]; then read -t "$iv" -u 3 _; [ $? -gt 128 ] || { wait=sleep; sleep "$iv"; }; else sleep "$iv"; fi
done
