/* usage.c: --help's text. The options themselves are cli.c's. */
#include <stdio.h>
#include "config.h"
#include "cli.h"

static void usage_options(FILE *fp);


static void usage_snapshot(FILE *fp)
{
	fputs("Snapshots (snapshot; --print for the screen):\n"
	      "      --tag=TAG            a chart: the tag of that name, else every tag the\n"
	      "                           regex matches (repeatable: a grid)\n"
	      "      --format=svg|png|txt|ansi  snapshot format (default: -o's extension)\n"
	      "      --x=step|relative|wall  the x axis (default step)\n"
	      "      --log                a log y axis\n"
	      "      --width=W, --height=H  the picture's size in pixels (text: in cells);\n"
	      "                           default 800x450 a chart\n"
	      "      --print[=txt|ansi]   load the logdirs, print one frame of the screen as text\n"
	      "                           (ansi: with attributes and colours) and exit\n"
	      "      --size=COLSxROWS     --print's size (default: the terminal's, else 80x24)\n"
	      "\n", fp);
}

static void usage_config(FILE *fp)
{
	fputs("Config file: $XDG_CONFIG_HOME/tailboard/config (~/.config/tailboard/config),\n"
	      "lines 'key = value' where a key is a long option (smoothing, palette, best,\n"
	      "alert, hide-tags, ...; a flag: true or false), read before the command line\n"
	      "      --config=FILE        read FILE instead\n"
	      "      --no-config          read no config file\n"
	      "\n", fp);
}

void cli_usage(FILE *fp)
{
	fputs("Usage: tailboard [OPTION]... [--logdir DIR]\n"
	      "       tailboard export --logdir DIR [--run REGEX] [--tag REGEX]\n"
	      "                        [--group-by SPEC] [--format csv|json] [-o FILE]\n"
	      "       tailboard summary --logdir DIR [--stats]\n"
	      "       tailboard runs --logdir DIR [--filter EXPR] [--sort [-]COL] [--tag REGEX]\n"
	      "       tailboard watch --logdir DIR [--alert RULE]... [--until EXPR]\n"
	      "                       [--exec CMD] [--json] [--timeout DURATION]\n"
	      "                       [--fail-on KINDS] [--once]\n"
	      "       tailboard snapshot --logdir DIR --tag TAG [--tag TAG]... -o FILE.svg|FILE.png\n"
	      "       tailboard --print[=txt|ansi] [--size COLSxROWS] --logdir DIR\n"
	      "Watch machine-learning training logs (TensorBoard event files, W&B runs,\n"
	      "Hugging Face trainer_state.json, CSV, JSONL) as live charts in the terminal.\n"
	      "Checkpoints (Hugging Face checkpoint-N/, Lightning *.ckpt, Keras *.h5 with an\n"
	      "epoch) are marked on the charts' x axis, by name only, and i says how far\n"
	      "each best is from the nearest. Machine metrics (W&B's system stats, system/\n"
	      "and sys/ tags) stay out of the training charts: M shows them in a pane of\n"
	      "their own, a chart a metric and a line a GPU, on time.\n"
	      "i shows the selected run's overview: its config or hyperparameters, summary\n"
	      "(final values), environment (host, GPU, Python, git commit, command), HF's\n"
	      "best checkpoint and its checkpoints; / there filters the rows by key.\n"
	      "\n"
	      "Commands:\n"
	      "  (none)                   open the screen on the logdirs\n"
	      "  export                   print every scalar point: run,tag,step,wall_time,value\n"
	      "  summary                  one line per run and tag: points, last and best value\n"
	      "  runs                     one line per run: state, the hyperparameters that\n"
	      "                           differ, last and best of the tags --tag matches\n"
	      "  watch                    follow the logdirs, print a line per health alert:\n"
	      "                           NaN, spikes, plateaus, divergence, stalls, finishes\n"
	      "  snapshot                 draw --tag's chart (several: a grid) as on the screen,\n"
	      "                           as an SVG or an anti-aliased PNG (-o's name says which),\n"
	      "                           or as text (--format txt|ansi, to stdout or -o)\n"
	      "\n", fp);
	usage_options(fp);
}

/* The options, by what they go with. */
static void usage_screen(FILE *fp)
{
	fputs("Screen:\n"
	      "      --smoothing=W        starting smoothing weight, 0 to 0.999 (default 0.6)\n"
	      "      --smoothing-method=M ema (TensorBoard's, default), twema (W&B's time-weighted),\n"
	      "                           avg (running average), gauss (Gaussian)\n"
	      "      --ascii              draw with ASCII only\n"
	      "      --unicode            draw with braille even if the locale is not UTF-8\n"
	      "      --no-color           no colours (also when NO_COLOR is set)\n"
	      "      --palette=NAME       run colours: default, okabe-ito (colour-blind safe),\n"
	      "                           high-contrast, mono (no colour: a glyph a run);\n"
	      "                           the screen (Y cycles), --print and snapshot\n"
	      "      --hide-tags=REGEX    leave tags (and so groups) the regex matches out of\n"
	      "                           the charts (case-insensitive)\n"
	      "      --poll[=SECONDS]     poll files instead of inotify (default 2 s)\n"
	      "      --grid=ROWSxCOLS     charts a page down and across (2x3; 0: automatic, the\n"
	      "                           default); # w W z Z change it on the screen\n"
	      "      --no-mouse           leave the mouse to the terminal (default: a click\n"
	      "                           selects, double-click maximises, the wheel zooms,\n"
	      "                           a drag pans)\n"
	      "      --frames=N           draw N frames and exit (for tests)\n"
	      "      --demo               start a simulated training and watch it\n"
	      "      --demo-dir=DIR       with --demo: write the demo run there and keep it\n"
	      "\n", fp);
}

static void usage_options(FILE *fp)
{
	fputs("Logdirs:\n"
	      "  -l, --logdir=DIR         a directory of runs or s3://BUCKET/DIR (repeatable);\n"
	      "                           a run is every directory directly holding event files\n"
	      "      --logdir_spec=SPEC   NAME:PATH[,NAME:PATH...]; runs are named NAME/REL\n"
	      "                           (PATH or s3://... alone: named as under --logdir)\n"
	      "      --s3-endpoint=URL    S3 server for s3:// (AWS_ENDPOINT_URL; keys: AWS_*)\n"
	      "      --s3-addressing-style=auto|path|virtual  BUCKET.HOST or HOST/BUCKET\n"
	      "                           (auto: virtual on AWS, path elsewhere)\n"
	      "\n"
	      "Filters (the screen, export, summary, runs):\n"
	      "      --run=REGEX          only runs whose name matches (case-insensitive)\n"
	      "      --tag=REGEX          only tags that match (case-insensitive)\n"
	      "      --filter=EXPR        only runs the expression matches, e.g.\n"
	      "                           'lr<=1e-4 and batch_size==32', 'name~bert or has:eval/f1',\n"
	      "                           'not state=stale' (see the README for the language)\n"
	      "      --group-by=SPEC      the screen and export: runs as groups, a mean line and\n"
	      "                           band each (export: mean,std,min,max,n a step); SPEC is\n"
	      "                           KEY (a hyperparameter), -KEY (every one that differs\n"
	      "                           but KEY) or ~REGEX (its first capture on the name)\n"
	      "\n"
	      "Output (export, summary, runs):\n"
	      "      --source=FORMATS     only runs read from these formats, comma-separated:\n"
	      "                           tfevents, wandb, wandb-history, trainer_state, csv, jsonl\n"
	      "      --format=csv|json    export format (default csv)\n"
	      "  -o, --output=FILE        write the export to FILE atomically\n"
	      "      --stats              summary: add totals (files, bytes, points, time)\n"
	      "      --sort=[-]COL        runs: order by the column of that header (-: descending)\n"
	      "      --best=REGEX=DIR     best direction (min, max or none) for tags matching\n"
	      "                           REGEX (repeatable)\n"
	      "      --smoothing=W, --smoothing-method=M\n"
	      "                           export: add a smoothed column, as the screen smooths;\n"
	      "                           snapshot: smooth as the screen does\n"
	      "  -j, --jobs=N             read up to N runs at once (default: one a CPU, up to 8)\n"
	      "\n", fp);
	usage_snapshot(fp);
	fputs("Health alerts (watch; --alert and --notify for the screen too):\n"
	      "      --alert=RULE         nan | spike[=K] | plateau[=N|=DURATION] | diverge |\n"
	      "                           stall[=DURATION] | none, or KIND=off; nan, spike,\n"
	      "                           plateau and diverge also per tag: KIND:GLOB[=VALUE]\n"
	      "                           (repeatable, later rules win; default: all on, stall\n"
	      "                           after 10m or 5x the run's usual interval, spike=10)\n"
	      "      --until=EXPR         [run~REGEX:]TAG<VALUE (or <=, >, >=): exit 0 once a\n"
	      "                           point of a matching series meets it\n"
	      "      --exec=CMD           run CMD (sh -c) for each line printed; the facts go\n"
	      "                           in TAILBOARD_RUN, _TAG, _STEP, _VALUE, _KIND only\n"
	      "      --json               JSON Lines instead of text\n"
	      "      --timeout=DURATION   stop after DURATION (30s, 10m, 2h, 1d)\n"
	      "      --fail-on=KINDS      exit 4 on an alert of these kinds (nan,stall,..|all)\n"
	      "      --once               read what is there, report, print counts, exit\n"
	      "      --notify[=bell,osc]  the screen and watch: ring the terminal's bell and/or\n"
	      "                           send a desktop notification (OSC 9 and 777, through\n"
	      "                           tmux and screen) per alert; one every 10 s at most\n"
	      "\n", fp);
	usage_screen(fp);
	usage_config(fp);
	fputs("      --help               display this help and exit\n"
	      "      --help-keys=md|man   print the screen's keys as a markdown table or man page section\n"
	      "      --version            output version information and exit\n"
	      "\n"
	      "Exit status: 0 when something was read, 1 when nothing could be, 2 for bad\n"
	      "usage; watch: 0 when --until was met (or watching ended as asked), 3 when\n"
	      "--until was not met by --timeout or the end of --once, 4 on a --fail-on\n"
	      "alert, 128+N on signal N.\n"
	      "Report bugs to: " PACKAGE_BUGREPORT "\n", fp);
}
