# s3_lib.sh: a real S3 server for the S3 tests: Ceph's RADOS Gateway on a
# one-node cluster (tests/tools/s3-ceph-up.sh), started in a temporary
# directory and stopped on exit; uploads by curl's own SigV4.
# Source after lib.sh. Sets S3_ENDPOINT and the AWS_* variables.
S3_KEY=TBTESTACCESSKEY
S3_SECRET=TBTESTSECRETKEY
export S3_KEY S3_SECRET
s3_alive() { # any of these pids still there?
	for p in "$@"; do kill -0 "$p" 2>/dev/null && return 0; done
	return 1
}
s3_stop() {
	[ -n "${S3_DIR:-}" ] || return 0
	[ -n "${S3_PROXY_PID:-}" ] && kill "$S3_PROXY_PID" 2>/dev/null
	pids=$(cat "$S3_DIR"/c/run/*.pid 2>/dev/null)
	[ -n "$pids" ] && kill $pids 2>/dev/null
	# the daemons take a few seconds to go: wait, then make sure
	i=0
	while [ $i -lt 50 ] && s3_alive $pids; do sleep 0.2; i=$((i + 1)); done
	s3_alive $pids && kill -9 $pids 2>/dev/null
	rm -rf "$S3_DIR"
	S3_DIR=
}
# s3_start: skip_all (saying why) when ceph is not installed or will not start
s3_start() {
	for b in ceph-mon ceph-osd radosgw radosgw-admin curl; do
		command -v "$b" >/dev/null 2>&1 ||
			skip_all "no $b: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-mgr curl"
	done
	S3_DIR=$(tb_tmpdir)
	# live_lib.sh's cleanup too, when sourced: one EXIT trap holds both
	if command -v live_cleanup >/dev/null 2>&1; then trap 'live_cleanup; s3_stop' EXIT; else trap s3_stop EXIT; fi
	# ports of our own, so runs in parallel do not meet
	mp=$((20000 + $$ % 20000)); rp=$((mp + 20000))
	t0=$(date +%s)
	if ! sh "$TB_SRCDIR/tests/tools/s3-ceph-up.sh" "$S3_DIR/c" "$mp" "$rp" >"$S3_DIR/up.log" 2>&1; then
		tail -5 "$S3_DIR/up.log" | sed 's/^/# /'
		s3_stop
		skip_all "Ceph's RADOS Gateway did not start (log above)"
	fi
	diag "radosgw up in $(($(date +%s) - t0)) s on 127.0.0.1:$rp"
	S3_ENDPOINT=http://127.0.0.1:$rp
	AWS_ACCESS_KEY_ID=$S3_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET AWS_ENDPOINT_URL=$S3_ENDPOINT AWS_REGION=us-east-1
	export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL AWS_REGION
	unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL_S3
}
# s3_proxy: tests/s3/s3_proxy.py between tailboard and the server, its
# control file $S3_CTL ("MODE N"), its endpoint $S3_PROXY; 1 without python3
s3_proxy() {
	command -v python3 >/dev/null 2>&1 || return 1
	S3_CTL=$S3_DIR/proxy.ctl
	: >"$S3_CTL"
	python3 "$TB_SRCDIR/tests/s3/s3_proxy.py" "${S3_ENDPOINT##*:}" "$S3_CTL" "$S3_DIR/proxy.port" &
	S3_PROXY_PID=$!
	i=0
	while [ ! -s "$S3_DIR/proxy.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$S3_DIR/proxy.port" ] || return 1
	S3_PROXY=http://127.0.0.1:$(cat "$S3_DIR/proxy.port")
}
# s3_curl ARGS...: a signed request to the server
s3_curl() {
	curl -sS -f -g --aws-sigv4 aws:amz:us-east-1:s3 -u "$S3_KEY:$S3_SECRET" \
		-H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}
s3_mkbucket() { s3_curl -X PUT "$S3_ENDPOINT/$1"; }
# s3_put_tree DIR BUCKET PREFIX: every file under DIR as PREFIX/REL
s3_put_tree() {
	(cd "$1" && find . -type f | sed 's|^\./||') | while IFS= read -r f; do
		# parentheses percent-encoded: curl's SigV4 and RGW's encode them apart
		u=$(printf '%s' "$f" | sed 's/(/%28/g; s/)/%29/g')
		s3_curl -T "$1/$f" "$S3_ENDPOINT/$2/$3/$u" || return 1
	done
}
