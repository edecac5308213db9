#!/bin/sh
# ceph-up.sh DIR MONPORT RGWPORT: a one-node Ceph (one monitor, one OSD on
# memstore, no auth) and a RADOS Gateway on 127.0.0.1, all under DIR.
set -e
# stop: kill $(cat DIR/run/*.pid)
D=$1; MP=${2:-16789}; RP=${3:-17480}
mkdir -p "$D/mon" "$D/osd" "$D/run"
fsid=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$MP
client mount timeout = 60
rados mon op timeout = 30
rados osd op timeout = 30
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 1073741824
mon data = $D/mon
osd data = $D/osd
run dir = $D/run
admin socket = $D/run/\$name.\$pid.asok
log file = $D/\$name.log
pid file = $D/run/\$name.pid
keyring = $D/keyring
ms bind ipv6 = false
# auth none has no "secure" connection mode: RGW asks for it by default
# and fails with EACCES before sending anything
ms mon client mode = crc
ms client mode = crc
mon warn on pool no redundancy = false
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
[client.admin]
rgw frontends = beast endpoint=127.0.0.1:$RP
rgw data = $D/rgw
rgw dns name = localhost
CONF
C="-c $D/ceph.conf"
ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a v2:127.0.0.1:$MP --fsid $fsid "$D/monmap" >/dev/null
ceph-mon $C --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
ceph-mon $C -i a
id=$(ceph $C osd create)
ceph-osd $C -i $id --mkfs
ceph-osd $C -i $id
mkdir -p "$D/rgw"
radosgw $C -n client.admin
# Up to a minute: on a loaded machine (tests in parallel, each with its
# cluster) the OSD can come up late; a gateway that gave up waiting for
# it is started once more.
i=0 tries=1
until curl -s -m 1 -o /dev/null "http://127.0.0.1:$RP/"; do
	i=$((i + 1))
	if [ $i -ge 240 ]; then
		echo "radosgw did not answer in a minute ($tries starts); its log's end:" >&2
		tail -n 5 "$D/client.admin.log" >&2 2>/dev/null
		exit 1
	fi
	pid=$(cat "$D/run/client.admin.pid" 2>/dev/null)
	if [ $tries -lt 2 ] && [ $i -gt 8 ] && ! { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }; then
		rm -f "$D/run/client.admin.pid"
		radosgw $C -n client.admin
		tries=$((tries + 1))
	fi
	sleep 0.25
done
radosgw-admin $C -n client.admin user create --uid=tb --display-name=tailboard-tests \
	--access-key="${S3_KEY:-TBTESTACCESSKEY}" --secret-key="${S3_SECRET:-TBTESTSECRETKEY}" >/dev/null
echo "s3 endpoint http://127.0.0.1:$RP"
