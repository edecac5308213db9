#!/bin/sh
# screen_overview.sh: the run overview (i) on the real screen in tmux, on
# W&B runs of ../shared/realdata (ARM-software__keyword-transformer): its
# sections (Run, Config, Summary, Environment), the environment as the
# run's wandb-metadata.json says, / keeping the rows whose key matches
# (empty: all again), h/l the next run, i back to the charts; at 80x24
# and 40x10, in UTF-8 and in LANG=C TERM=vt100. Then a run written here
# whose metadata and summary hold escape codes: none reaches the terminal.
. "$TB_SRCDIR/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
[ -n "$TB_REALDATA" ] || skip_all "realdata absent"
KWT=$TB_REALDATA/wandb/ARM-software__keyword-transformer
[ -d "$KWT" ] || skip_all "realdata has no wandb/ARM-software__keyword-transformer"

SOCK=tbov$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM

start() { # name cols rows lang term NO_COLOR logdir
	$T new-session -d -s "$1" -x "$2" -y "$3" \
		"env NO_COLOR=$6 TZ=UTC LANG=$4 LC_ALL=$4 TERM=$5 '$TB_BIN' --logdir '$7'; echo TB-EXIT-\$?; sleep 30"
}
keys() { $T send-keys -t "$@"; }
shows() { cap "$1" | grep -qE -- "$2"; }
# until_ok SCRIPT: until the frame a key asked for passes SCRIPT (5 s at most)
until_ok() {
	i=0
	while [ $i -lt 50 ]; do
		sh -c "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

start u8 80 24 C.UTF-8 xterm-256color "" "$KWT"
start vt 80 24 C vt100 1 "$KWT"
start n40 40 10 C.UTF-8 xterm-256color 1 "$KWT"
start v40 40 10 C vt100 1 "$KWT"
for s in u8 vt; do
	wait_pane $s "2 runs" 100 >/dev/null || diag "$s never loaded"
done
sleep 1

# ---- 80x24, UTF-8 -------------------------------------------------------
keys u8 i
check "u8: i opens the overview of the selected run" wait_pane u8 "Run overview: First try (2zux)" 50
check "u8: the Run section: format, W&B project" sh -c "$T capture-pane -p -t u8 | grep -qE '^ +format +wandb' && $T capture-pane -p -t u8 | grep -qE 'wandb project +kwt-improvements'"
check "u8: the config section" shows u8 "^ +Config \\(W&B\\)"
check "u8: the hint line says the pane's keys" shows u8 "h/l run +/ filter keys +i/Esc back"
keys u8 G
check "u8: G: the environment, host and python as in wandb-metadata.json" \
	sh -c "$T capture-pane -p -t u8 | grep -qE '^ +host +ip-172-31-3-98' && $T capture-pane -p -t u8 | grep -qE '^ +python +3\\.6\\.9'"
check "u8: the git commit" shows u8 "git commit +aadc900f2ef27603512450dba218d24bc8a76fb0"
check "u8: GPU and its count, CPU count" sh -c "$T capture-pane -p -t u8 | grep -qE 'gpu +Tesla T4' && $T capture-pane -p -t u8 | grep -qE 'gpu count +1' && $T capture-pane -p -t u8 | grep -qE 'cpu count +4'"
check "u8: a long command cut at the width with …" shows u8 "command +-m kws_streaming.*…$"
keys u8 g / c o m m i t Enter
check "u8: / commit: the git commit row" wait_pane u8 "rows matching /commit/" 30
check "u8: ... only it: no host, no format" sh -c "$T capture-pane -p -t u8 | grep -qE 'git commit +aadc900' && ! $T capture-pane -p -t u8 | grep -qE '^ +(host|format) '"
keys u8 / BSpace BSpace BSpace BSpace BSpace BSpace Enter
check "u8: an empty filter: every row again" until_ok "$T capture-pane -p -t u8 | grep -qE '^ +format +wandb'"
keys u8 / G P U Enter
check "u8: the filter takes any case (GPU: gpu, gpu count)" until_ok "$T capture-pane -p -t u8 | grep -qE 'gpu count +1' && ! $T capture-pane -p -t u8 | grep -qE '^ +host '"
keys u8 / BSpace BSpace BSpace '^(host|python)$' Enter
check "u8: the filter is a regex" until_ok "$T capture-pane -p -t u8 | grep -qE '^ +host ' && $T capture-pane -p -t u8 | grep -qE '^ +python ' && ! $T capture-pane -p -t u8 | grep -qE 'gpu'"
keys u8 l
check "u8: l: the next run's overview" wait_pane u8 "Run overview: First try (3oje)" 30
keys u8 / C-u Enter
keys u8 / BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace Enter
check "u8: its summary: the final values of wandb-summary.json" until_ok "$T capture-pane -p -t u8 | grep -qE '^ +Summary' && $T capture-pane -p -t u8 | grep -qE 'Training/loss +1\\.4769244194030762'"
keys u8 i
check "u8: i again: back to the charts" wait_gone u8 "Run overview" 30
check "u8: the charts are there" shows u8 "Training/loss"

# ---- 80x24, LANG=C TERM=vt100 --------------------------------------------
keys vt i
check "vt100: the overview" wait_pane vt "Run overview: First try (2zux)" 50
keys vt / h o s t Enter
check "vt100: / host: the environment's host" until_ok "$T capture-pane -p -t vt | grep -qE '^ +Environment' && $T capture-pane -p -t vt | grep -qE '^ +host +ip-172-31-3-98'"
keys vt / BSpace BSpace BSpace BSpace Enter G
check "vt100: a cut value ends in ~, no UTF-8 anywhere" until_ok "$T capture-pane -p -t vt | grep -qE 'command +.*~$' && ! $T capture-pane -p -t vt | LC_ALL=C grep -q '[^ -~]'"
keys vt Escape
check "vt100: Esc: back" wait_gone vt "Run overview" 30

# ---- 40x10 ----------------------------------------------------------------
keys n40 i / c o m m i t Enter
check "40x10 UTF-8: / commit shows the git commit, cut" until_ok "$T capture-pane -p -t n40 | grep -qE 'git commit +aadc900[0-9a-f]*…'"
keys v40 i / p y t h o n Enter
check "40x10 vt100: / python shows it" until_ok "$T capture-pane -p -t v40 | grep -qE 'python +3\\.6\\.9'"
keys n40 q
keys v40 q q
check "40x10: q closes the pane, then quits" wait_pane v40 "TB-EXIT-0" 50

# ---- a Hugging Face output dir: the Trainer's best ------------------------
HF=$TB_REALDATA/trainer_state/Merlinmy__Whisper_small_hi
if [ -d "$HF" ]; then
	start hf 80 24 C.UTF-8 xterm-256color "" "$HF"
	wait_pane hf "1 run" 100 >/dev/null
	keys hf i / b e s t _ Enter
	check "HF: the Hugging Face section: best_metric and best_model_checkpoint" until_ok "$T capture-pane -p -t hf | grep -qE '^ +Hugging Face' && $T capture-pane -p -t hf | grep -qE 'best_metric +32\\.011343435198505' && $T capture-pane -p -t hf | grep -qE 'best_model_checkpoint +\\./whisper-small-colab/checkpoint-4000'"
	keys hf q q
else
	skip "realdata has no trainer_state/Merlinmy__Whisper_small_hi"
fi

# ---- escape codes in a run's files ----------------------------------------
if command -v python3 >/dev/null 2>&1; then
	R="$tmp/esc/wandb/run-20240101_000000-esc1"
	mkdir -p "$R/files"
	python3 "$TB_SRCDIR/tests/tools/wandb_media.py" "$R/run-esc1.wandb"
	printf '%s\n' '{"docker": "evil\u001b]0;pwned\u0007\u001b[31mred", "cuda": "12\u001b[2J"}' >"$R/files/wandb-metadata.json"
	printf '%s\n' '{"bad\u001b[5mkey": 1, "text": "\u009b31m\u001b[?1049l"}' >"$R/files/wandb-summary.json"
	start esc 100 30 C.UTF-8 xterm-256color "" "$tmp/esc"
	wait_pane esc "1 run" 100 >/dev/null
	keys esc i G
	check "escapes: the environment's value shown with its escapes made visible" wait_pane esc 'evil\x1b]0;pwned\x07\x1b[31mred' 30
	check "escapes: the summary's key and text too" sh -c "$T capture-pane -p -t esc | grep -qF 'bad\\x1b[5mkey' && $T capture-pane -p -t esc | grep -qF '\\x1b[?1049l'"
	check "escapes: the terminal's title was not set" sh -c "[ \"\$($T display-message -p -t esc '#{pane_title}')\" != pwned ]"
	esc=$(printf '\033')
	check "escapes: no cell drawn red or blinking by the file" sh -c "! $T capture-pane -e -p -t esc | grep -E 'red|key' | grep -qE '$esc\\[(31|5)m'"
	keys esc q q
else
	skip "python3 absent: the escape-code run is written by tests/tools/wandb_media.py"
fi
done_testing
