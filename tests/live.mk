# tests/live.mk
