# tests/s3: s3:// logdirs against a real S3 server, Ceph's RADOS Gateway on
# a one-node cluster started for each test (tests/tools/s3-ceph-up.sh,
# about 14 s); skipped, saying why, where Ceph is not installed or will
# not start.
S3_TESTS = tests/s3/s3_export.sh tests/s3/s3_live.sh tests/s3/s3_faults.sh tests/s3/s3_formats.sh
TESTS += $(S3_TESTS)
EXTRA_DIST += $(S3_TESTS) tests/s3/s3_lib.sh tests/s3/s3_proxy.py tests/tools/s3-ceph-up.sh
