#!/usr/bin/env bash
# Screenshots of qari in real terminal emulators, with real fonts, under Xvfb.
#
# qari lays Arabic out itself (reorders right-to-left, shapes letters into
# presentation forms) and sends cells in visual order; terminals that do bidi
# themselves may reorder again. This script shows what a person really sees:
# for each terminal (and variant) it starts a private Xvfb display, a D-Bus
# session and the terminal (about 120x40 cells, DejaVu Sans Mono ~14px)
# running `qari --library FRESH_DIR` on the bundled article, types j j t
# (third sentence, translation revealed), takes a PNG of the window, types q
# and tears everything down.
#
# Usage, from the repo root (as root for the package installs):
#   bash tools/term-screenshots.sh
# Environment:
#   QARI=path        qari binary [target/release/qari]
#   OUT=dir          where the PNGs go [target/screenshots]
#   ONLY="a b"       only these variants, or whole terminals: "xterm" runs
#                    xterm and xterm-rv, "xterm-rv" only that one [all]
#   QARI_ARGS="..."  extra arguments for qari, e.g. "--bidi terminal"
#   WRAP='...'       a bash command run in the terminal instead of qari; it
#                    finds the qari command line in "$QARI_CMD", e.g.
#                    WRAP='tmux -f /dev/null new-session "$QARI_CMD"'
#   TAG=name         suffix for the PNG names (terminal-variant-TAG.png)
#   KEYS="j j t"     the keys typed before the screenshot (xdotool names)
#   SETTLE=2         seconds to wait after the screen stops changing
#   RUN_TIMEOUT=120  seconds before one variant is given up
#   NO_INSTALL=1     do not install missing packages
#   KEEP=1           keep each run's temporary folder (logs, configs)
#
# Nothing of the caller's HOME, XDG folders, D-Bus session or display is used:
# each run has its own. qari still reads the system's dictionaries
# (/usr/share/dictd, /usr/share/stardict/dic) as it does for any user; pass
# QARI_ARGS="--dictionaries /nonexistent" for a glossary pane without them.
#
# One line per variant on stdout: "variant: OK ..." or "variant: FAILED why".
# Exit status: 0 when every selected variant is OK, 1 otherwise.
set -euo pipefail

# ---------------------------------------------------------------------------
# The variants: name, Debian package, and how to configure/launch each one
# (see configure_variant and launch_variant below).
# ---------------------------------------------------------------------------
ALL_VARIANTS=(
  xterm xterm-rv
  gnome-terminal gnome-terminal-dark
  kitty kitty-force-ltr
  konsole konsole-nobidi
  mlterm
  urxvt
  st
  alacritty
)

# Debian package of a variant.
package_of() {
  case "$1" in
    xterm*) echo xterm ;;
    gnome-terminal*) echo gnome-terminal ;;
    kitty*) echo kitty ;;
    konsole*) echo konsole ;;
    mlterm*) echo mlterm ;;
    urxvt*) echo rxvt-unicode ;;
    st*) echo stterm ;;
    alacritty*) echo alacritty ;;
    *) return 1 ;;
  esac
}

# The font: DejaVu Sans Mono is the one common monospace font with Arabic.
# Xvfb runs at 96 dpi, so 10.5 pt is 14 px.
FONT_FAMILY="DejaVu Sans Mono"
FONT_PX=14
FONT_PT=10.5
COLS=120
ROWS=40
SCREEN=1600x1000x24

# Tools every run needs, as "package:file it provides".
BASE_PACKAGES=(
  "xvfb:/usr/bin/Xvfb"
  "xdotool:/usr/bin/xdotool"
  "imagemagick:/usr/bin/import"
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
  "dbus-x11:/usr/bin/dbus-launch"
  "dbus:/usr/bin/dbus-run-session"
  "dconf-cli:/usr/bin/dconf"
  "libgl1-mesa-dri:/usr/share/doc/libgl1-mesa-dri"
  "x11-utils:/usr/bin/xwininfo"
  "x11-xserver-utils:/usr/bin/xrdb"
)

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# Package installation (outer script only).
# ---------------------------------------------------------------------------
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
    install -y -q --no-install-recommends "$@"
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    apt-get -o DPkg::Lock::Timeout=900 update -q >/dev/null || true
    apt_updated=1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_missing() {
  local missing=() entry pkg variant
  for entry in "${BASE_PACKAGES[@]}"; do
    [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
  done
  for variant in "${SELECTED[@]}"; do
    pkg=$(package_of "$variant")
    installed "$pkg" || missing+=("$pkg")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "${NO_INSTALL:-0}" = 1 ]; then
    log "missing packages (NO_INSTALL=1): ${missing[*]}"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "missing packages: ${missing[*]} (run as root, or install them)"
    return 0
  fi
  apt_update_once
  log "installing: ${missing[*]}"
  # All at once; if that fails (one not in this release), one by one, so an
  # uninstallable terminal is skipped and the others still run.
  if ! apt_install "${missing[@]}" >/dev/null; then
    for pkg in "${missing[@]}"; do
      apt_install "$pkg" >/dev/null || log "cannot install $pkg: its variants are skipped"
    done
  fi
}

# ---------------------------------------------------------------------------
# Helpers for the inner stages (run with DISPLAY set, in the run folder).
# ---------------------------------------------------------------------------

# Waits until "$@" succeeds, at most $1 seconds (polls every 0.2 s).
wait_for() {
  local limit=$1 start=$SECONDS
  shift
  until "$@" 2>/dev/null; do
    [ $((SECONDS - start)) -lt "$limit" ] || return 1
    sleep 0.2
  done
}

# The biggest visible window other than the root (the terminal), as a
# decimal id.
biggest_window() {
  local id best="" area best_area=0 WIDTH HEIGHT X Y SCREEN WINDOW root
  root=$(xwininfo -root | sed -n 's/.*Window id: \(0x[0-9a-f]*\).*/\1/p')
  root=$((root))
  for id in $(xdotool search --onlyvisible --name '' 2>/dev/null) \
            $(xdotool search --onlyvisible --class '' 2>/dev/null); do
    [ "$id" != "$root" ] || continue
    eval "$(xdotool getwindowgeometry --shell "$id" 2>/dev/null)" || continue
    area=$((WIDTH * HEIGHT))
    if [ "$area" -gt "$best_area" ] && [ "$WIDTH" -gt 200 ] && [ "$HEIGHT" -gt 100 ]; then
      best=$id best_area=$area
    fi
  done
  [ -n "$best" ] && echo "$best"
}

# A window is up, or qari has already ended (then there may never be one).
window_or_exit() { [ -e qari.rc ] || biggest_window >/dev/null; }

# Notes what the session stage is doing, for the message on a timeout.
step() { echo "$*" >step.txt; }

# A checksum of the screen's pixels, to see when drawing has stopped.
screen_sum() { import -window root -depth 8 rgb:- 2>/dev/null | md5sum | cut -d' ' -f1; }

# Waits until the screen is unchanged for 1 s (at most $1 s), then SETTLE s.
wait_stable() {
  local limit=$1 start=$SECONDS last="" now same=0
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    now=$(screen_sum)
    if [ "$now" = "$last" ]; then
      same=$((same + 1))
      [ "$same" -ge 2 ] && break
    else
      same=0
    fi
    last=$now
    sleep 0.5
  done
  sleep "${SETTLE:-2}"
}

# ---------------------------------------------------------------------------
# Per-variant configuration (files in the fresh HOME) and launch command.
# Sets CLASS_HINT (for the log) and LAUNCH (an array).
# ---------------------------------------------------------------------------
GT_PROFILE=/org/gnome/terminal/legacy/profiles:/:b1dcc9dd-5262-4d8d-a863-c897e6d979b9

configure_variant() {
  local variant=$1
  case "$variant" in
    gnome-terminal*)
      # The default profile (its UUID is fixed), written through dconf.
      dconf write /org/gnome/terminal/legacy/profiles:/list "['b1dcc9dd-5262-4d8d-a863-c897e6d979b9']"
      dconf write /org/gnome/terminal/legacy/profiles:/default "'b1dcc9dd-5262-4d8d-a863-c897e6d979b9'"
      dconf write "$GT_PROFILE/use-system-font" false
      dconf write "$GT_PROFILE/font" "'$FONT_FAMILY $FONT_PT'"
      dconf write "$GT_PROFILE/default-size-columns" "$COLS"
      dconf write "$GT_PROFILE/default-size-rows" "$ROWS"
      dconf write "$GT_PROFILE/cursor-blink-mode" "'off'"
      dconf write "$GT_PROFILE/audible-bell" false
      dconf write /org/gnome/terminal/legacy/confirm-close false
      if [ "$variant" = gnome-terminal-dark ]; then
        # GNOME's own dark colours, not the theme's.
        dconf write "$GT_PROFILE/use-theme-colors" false
        dconf write "$GT_PROFILE/background-color" "'rgb(23,20,33)'"
        dconf write "$GT_PROFILE/foreground-color" "'rgb(208,207,204)'"
      fi
      dconf dump /org/gnome/terminal/ >settings.txt
      ;;
    konsole*)
      mkdir -p "$XDG_DATA_HOME/konsole"
      {
        echo "[Appearance]"
        # QFont::toString: family,pointSize,pixelSize,styleHint,weight,...
        echo "Font=$FONT_FAMILY,$FONT_PT,-1,5,50,0,0,0,0,0"
        echo
        echo "[General]"
        echo "Name=Shot"
        echo "Parent=FALLBACK/"
        echo "TerminalColumns=$COLS"
        echo "TerminalRows=$ROWS"
        echo
        echo "[Terminal Features]"
        echo "BlinkingCursorEnabled=false"
        # Konsole's Profile.cpp: BidiRenderingEnabled in TERMINAL_GROUP,
        # "Terminal Features"; on by default.
        if [ "$variant" = konsole-nobidi ]; then
          echo "BidiRenderingEnabled=false"
        fi
      } >"$XDG_DATA_HOME/konsole/Shot.profile"
      # Do not let Konsole restore a remembered size or show a welcome.
      mkdir -p "$XDG_CONFIG_HOME"
      printf '[Desktop Entry]\nDefaultProfile=Shot.profile\n' >"$XDG_CONFIG_HOME/konsolerc"
      cp "$XDG_DATA_HOME/konsole/Shot.profile" settings.txt
      ;;
    mlterm*)
      # mlterm reads ~/.mlterm; the anti-aliased (xft) fonts are in aafont.
      mkdir -p "$HOME/.mlterm"
      printf 'DEFAULT = %s\nISO10646_UCS4_1 = %s\n' "$FONT_FAMILY" "$FONT_FAMILY" >"$HOME/.mlterm/aafont"
      cp "$HOME/.mlterm/aafont" settings.txt
      ;;
    alacritty*)
      : >alacritty.yml # an empty config: only the -o options below count
      ;;
  esac
}

launch_variant() {
  local variant=$1 cmd=$2
  case "$variant" in
    xterm)
      LAUNCH=(xterm -u8 -fa "$FONT_FAMILY" -fs "$FONT_PT" -geometry "${COLS}x${ROWS}+0+0" -e "$cmd") ;;
    xterm-rv)
      LAUNCH=(xterm -rv -u8 -fa "$FONT_FAMILY" -fs "$FONT_PT" -geometry "${COLS}x${ROWS}+0+0" -e "$cmd") ;;
    gnome-terminal*)
      LAUNCH=(gnome-terminal --wait --geometry="${COLS}x${ROWS}+0+0" -- "$cmd") ;;
    kitty|kitty-force-ltr)
      LAUNCH=(kitty --config NONE
        -o "font_family=$FONT_FAMILY" -o "font_size=$FONT_PT"
        -o remember_window_size=no -o "initial_window_width=${COLS}c"
        -o "initial_window_height=${ROWS}c" -o cursor_blink_interval=0
        -o update_check_interval=0)
      [ "$variant" = kitty-force-ltr ] && LAUNCH+=(-o force_ltr=yes)
      LAUNCH+=("$cmd") ;;
    konsole*)
      LAUNCH=(konsole --separate --nofork --hide-menubar --hide-tabbar --profile Shot -e "$cmd") ;;
    mlterm)
      LAUNCH=(mlterm --type=xft -w "$FONT_PX" -E UTF-8 --geometry="${COLS}x${ROWS}+0+0" -e "$cmd") ;;
    urxvt)
      LAUNCH=(urxvt -fn "xft:$FONT_FAMILY:pixelsize=$FONT_PX" -geometry "${COLS}x${ROWS}+0+0" -e "$cmd") ;;
    st)
      LAUNCH=(stterm -f "$FONT_FAMILY:pixelsize=$FONT_PX" -g "${COLS}x${ROWS}+0+0" -e "$cmd") ;;
    alacritty)
      LAUNCH=(alacritty --config-file "$PWD/alacritty.yml"
        -o "font.normal.family=\"$FONT_FAMILY\"" -o "font.size=$FONT_PT"
        -o "window.dimensions.columns=$COLS" -o "window.dimensions.lines=$ROWS"
        -o window.position.x=0 -o window.position.y=0
        -e "$cmd") ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------------------
# Stage 2: inside Xvfb and a D-Bus session, in the run folder.
# ---------------------------------------------------------------------------
session_stage() {
  local variant=$1 png=$2 term_pid wid qari_rc

  # The command the terminal runs: qari (or WRAP around it), recording that
  # it started and how it ended; stderr goes to a file.
  local qari_cmd
  qari_cmd="$(printf '%q ' "$QARI" --library "$LIBRARY")${QARI_ARGS:-}"
  cat >run-qari.sh <<EOF
#!/usr/bin/env bash
cd "$PWD"
export QARI_CMD=$(printf '%q' "$qari_cmd")
WRAP=$(printf '%q' "${WRAP:-}")
echo "TERM=\$TERM COLUMNS=\$(tput cols 2>/dev/null) LINES=\$(tput lines 2>/dev/null)" >terminal.txt
touch qari.started
if [ -n "\$WRAP" ]; then
  bash -c "\$WRAP" 2>>qari.stderr
else
  eval "\$QARI_CMD" 2>>qari.stderr
fi
echo \$? >qari.rc
EOF
  chmod +x run-qari.sh

  step "configuring the terminal"
  configure_variant "$variant"
  step "starting the terminal"
  launch_variant "$variant" "$PWD/run-qari.sh"
  printf '%q ' "${LAUNCH[@]}" >launch.txt
  "${LAUNCH[@]}" >terminal.log 2>&1 &
  term_pid=$!

  # gnome-terminal: the client may fail to start the server under Xvfb;
  # then start gnome-terminal-server by hand with its own app id.
  if [[ "$variant" == gnome-terminal* ]]; then
    sleep 3
    if ! kill -0 "$term_pid" 2>/dev/null && [ ! -e qari.started ]; then
      log "gnome-terminal exited early ($(tail -n1 terminal.log)); trying gnome-terminal-server --app-id"
      local app_id="org.qari.Shot$$"
      /usr/libexec/gnome-terminal-server --app-id "$app_id" >server.log 2>&1 &
      sleep 2
      LAUNCH=(gnome-terminal --app-id "$app_id" --wait --geometry="${COLS}x${ROWS}+0+0" -- "$PWD/run-qari.sh")
      printf '%q ' "${LAUNCH[@]}" >launch.txt
      "${LAUNCH[@]}" >>terminal.log 2>&1 &
      term_pid=$!
    fi
  fi

  step "waiting for the terminal to start qari"
  if ! wait_for 30 test -e qari.started; then
    echo "FAILED: qari did not start within 30 s ($(tail -n1 terminal.log 2>/dev/null))" >result.txt
    return 1
  fi
  step "waiting for the terminal window"
  wait_for 20 window_or_exit || true
  if [ -e qari.rc ]; then
    echo "FAILED: qari exited at once with $(cat qari.rc): $(tail -n1 qari.stderr 2>/dev/null)" >result.txt
    return 1
  fi
  if ! wid=$(biggest_window); then
    echo "FAILED: no terminal window appeared ($(tail -n1 terminal.log 2>/dev/null))" >result.txt
    return 1
  fi
  step "waiting for the first frame"
  wait_stable 15
  if [ -e qari.rc ]; then
    echo "FAILED: qari exited at once with $(cat qari.rc): $(tail -n1 qari.stderr 2>/dev/null)" >result.txt
    import -window root "${png%.png}-failed.png" 2>/dev/null || true
    return 1
  fi

  # Focus the window (no window manager: set the input focus and put the
  # pointer inside), then type the keys.
  xdotool mousemove --window "$wid" 5 5 2>/dev/null || true
  xdotool windowfocus "$wid" 2>/dev/null || true
  sleep 0.5
  step "typing ${KEYS:-j j t}"
  local key
  for key in ${KEYS:-j j t}; do
    xdotool key --clearmodifiers "$key" || log "xdotool key $key failed"
    sleep 0.4
  done
  step "waiting for the screen to settle after the keys"
  wait_stable 15

  # The window only (its geometry on the root window; Xvfb has no
  # compositor, so root pixels are what the window shows).
  step "taking the screenshot"
  local WIDTH HEIGHT X Y SCREEN WINDOW # set by getwindowgeometry --shell
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  : "$SCREEN" "$WINDOW"
  import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$png"
  # The whole screen too, in the run folder (kept with KEEP=1).
  import -window root screen.png 2>/dev/null || true

  step "quitting qari"
  xdotool key --clearmodifiers q || true
  if wait_for 10 test -e qari.rc; then
    qari_rc=$(cat qari.rc)
  else
    qari_rc="still running after q"
  fi
  local size
  size=$(cat terminal.txt 2>/dev/null || true)
  if [ "$qari_rc" = 0 ]; then
    echo "OK: $png (${WIDTH}x${HEIGHT} px; $size; qari exit 0)" >result.txt
  else
    echo "FAILED: screenshot taken ($png) but qari exit: $qari_rc $(tail -n1 qari.stderr 2>/dev/null)" >result.txt
  fi
  # Let the terminal close; anything left is killed by the outer stages.
  wait_for 5 bash -c "! kill -0 $term_pid" || true
}

# ---------------------------------------------------------------------------
# Stage 1: one variant, in its run folder: Xvfb, then a D-Bus session.
# ---------------------------------------------------------------------------
variant_stage() {
  local variant=$1 png=$2 display_fifo display
  # Xvfb picks a free display itself and writes its number to a pipe.
  display_fifo=$PWD/display.fifo
  mkfifo "$display_fifo"
  Xvfb -displayfd 3 -screen 0 "$SCREEN" -dpi 96 -nolisten tcp -noreset \
    3>"$display_fifo" >xvfb.log 2>&1 &
  XVFB_PID=$!
  trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
  if ! display=$(timeout 20 head -n1 "$display_fifo"); then
    echo "FAILED: Xvfb did not start ($(tail -n1 xvfb.log))" >result.txt
    return 1
  fi
  export DISPLAY=":$display"
  echo "$DISPLAY" >display.txt
  wait_for 10 xdotool getdisplaygeometry || {
    echo "FAILED: Xvfb display $DISPLAY not ready" >result.txt
    return 1
  }
  # 96 dpi for the toolkits that ask Xft.dpi (kitty, GTK, Qt).
  echo "Xft.dpi: 96" | xrdb -merge 2>/dev/null || true
  # A fresh session bus: gnome-terminal-server, dconf and Konsole need one;
  # it ends when the session stage ends.
  dbus-run-session -- bash "$SELF" __session "$variant" "$png" >>stage.log 2>&1 || true
}

# ---------------------------------------------------------------------------
# The outer loop.
# ---------------------------------------------------------------------------

# Kills every process that carries this run's marker in its environment
# (the terminal, its servers, dbus-daemon, Xvfb), by pid.
sweep() {
  local mark=$1 pid pids=()
  for pid in /proc/[0-9]*; do
    pid=${pid#/proc/}
    [ "$pid" != $$ ] || continue
    if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qx "QARI_SHOT_MARK=$mark"; then
      pids+=("$pid")
    fi
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  sleep 1
  kill -9 "${pids[@]}" 2>/dev/null || true
}

run_variant() {
  local variant=$1 pkg version run mark png status result
  pkg=$(package_of "$variant")
  version=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
  if [ -z "$version" ] || ! installed "$pkg"; then
    echo "$variant: FAILED $pkg is not installed (skipped)"
    return 1
  fi
  png="$OUT/$variant${TAG:+-$TAG}.png"
  rm -f "$png"
  run=$(mktemp -d "${TMPDIR:-/tmp}/qari-shot-$variant.XXXXXX")
  mark="$variant-$$-${run##*.}"
  mkdir -p "$run/home" "$run/library" "$run/runtime" "$run/tmp"
  chmod 700 "$run/runtime"
  # A clean environment: nothing from the caller's desktop, HOME or
  # session bus leaks in; only what this run sets.
  status=0
  (cd "$run" && timeout -k 10 "${RUN_TIMEOUT:-120}" env -i \
    PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    HOME="$run/home" \
    XDG_CONFIG_HOME="$run/home/.config" XDG_DATA_HOME="$run/home/.local/share" \
    XDG_CACHE_HOME="$run/home/.cache" XDG_STATE_HOME="$run/home/.local/state" \
    XDG_RUNTIME_DIR="$run/runtime" TMPDIR="$run/tmp" TMUX_TMPDIR="$run/tmp" \
    WINIT_X11_SCALE_FACTOR=1 NO_AT_BRIDGE=1 GTK_A11Y=none \
    QARI="$QARI" LIBRARY="$run/library" QARI_ARGS="${QARI_ARGS:-}" \
    WRAP="${WRAP:-}" KEYS="${KEYS:-j j t}" SETTLE="${SETTLE:-2}" \
    QARI_SHOT_MARK="$mark" SELF="$SELF" \
    bash "$SELF" __variant "$variant" "$png" >"$run/stage.log" 2>&1) || status=$?
  sweep "$mark"
  if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    result="FAILED: timed out after ${RUN_TIMEOUT:-120} s while $(cat "$run/step.txt" 2>/dev/null || echo "starting Xvfb")"
  else
    result=$(cat "$run/result.txt" 2>/dev/null || echo "FAILED: no result ($(tail -n1 "$run/stage.log"))")
  fi
  echo "$variant: $result [$pkg $version; $(cat "$run/launch.txt" 2>/dev/null)]"
  if [ "${KEEP:-0}" = 1 ]; then
    log "  kept: $run"
  else
    rm -rf "$run"
  fi
  [[ "$result" == OK* ]]
}

main() {
  cd "$(dirname "$0")/.."
  SELF="$PWD/tools/$(basename "$0")"
  QARI=${QARI:-target/release/qari}
  OUT=${OUT:-target/screenshots}
  QARI=$(realpath "$QARI")
  mkdir -p "$OUT"
  OUT=$(realpath "$OUT")
  if [ ! -x "$QARI" ]; then
    log "no qari binary at $QARI (cargo build --release, or set QARI)"
    exit 2
  fi

  # The selected variants: ONLY names variants or whole terminals.
  SELECTED=()
  local v w
  for v in "${ALL_VARIANTS[@]}"; do
    if [ -z "${ONLY:-}" ]; then
      SELECTED+=("$v")
      continue
    fi
    for w in $ONLY; do
      # "xterm" selects xterm and xterm-rv; "xterm-rv" only that one.
      if [[ "$v" == "$w" || "$v" == "$w"-* ]]; then
        SELECTED+=("$v")
        break
      fi
    done
  done
  if [ ${#SELECTED[@]} -eq 0 ]; then
    log "ONLY=$ONLY matches no variant; variants: ${ALL_VARIANTS[*]}"
    exit 2
  fi

  install_missing
  log "qari: $QARI ($("$QARI" --version 2>/dev/null || echo '?')); args: ${QARI_ARGS:-none}${WRAP:+; wrap: $WRAP}"
  log "out: $OUT; variants: ${SELECTED[*]}"
  local failed=0
  for v in "${SELECTED[@]}"; do
    run_variant "$v" || failed=1
  done
  exit "$failed"
}

case "${1:-}" in
  __variant) shift; variant_stage "$@" ;;
  __session) shift; session_stage "$@" ;;
  *) main "$@" ;;
esac
