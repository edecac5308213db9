/* tbwrite: write TensorBoard event files from a tiny script on stdin, for
 * tests and benchmarks. Usage: tbwrite FILE < script. Lines:
 *   header [WALL]                 brain.Event:2 record
 *   scalar TAG STEP VALUE [WALL]  TF1 simple_value
 *   tensor TAG STEP VALUE [WALL]  TF2 float tensor scalar
 *   double TAG STEP VALUE [WALL]  double tensor scalar
 *   start STEP [WALL]             SessionLog START
 *   text TAG STEP TEXT            a text summary (add_text); TEXT is the rest
 *                                 of the line, with C escapes
 *   hparams K=V [K=V...]          the hparams plugin's session start info
 *   torn TAG STEP VALUE           the first half of a record only
 *   rest TAG STEP VALUE           the second half of that record
 *   badcrc TAG STEP VALUE         a record whose data CRC is wrong
 *   raw HEX                       bytes as given
 *   many TAG N [RUNS]             N simple_value points, steps 0..N-1
 *   big N                         an Event holding an N-byte graph_def
 *   bigbad N                      the same with its data CRC wrong
 * TAG takes C escapes (\xNN, \n, \t, \e, \\) so tests can write hostile
 * names. The file is appended to. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tailboard/tfwriter.h"
#include "crc32c.h"
#include "tfrecord.h"

static void unescape(char *s)
{
	char *o = s;
	while (*s) {
		if (*s != '\\' || !s[1]) {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'n': *o++ = '\n'; s++; break;
		case 't': *o++ = '\t'; s++; break;
		case 'r': *o++ = '\r'; s++; break;
		case 'e': *o++ = 0x1b; s++; break;
		case 'x': {
			char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			s += 1 + strlen(hex);
			break;
		}
		default: *o++ = *s++; break;
		}
	}
	*o = '\0';
}

static int put(int fd, const uint8_t *b, size_t n)
{
	return write(fd, b, n) == (ssize_t)n ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: tbwrite FILE < script\n", stderr);
		return 2;
	}
	int fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	char line[8192], cmd[32], tag[4096];
	static uint8_t ev[65536], rec[65536 + 16];
	int rc = 0;
	while (fgets(line, sizeof(line), stdin) && !rc) {
		long long step = 0, count = 0;
		double value = 0, wall = 1700000000.0;
		size_t n = 0;
		tag[0] = '\0';
		if (sscanf(line, "%31s", cmd) != 1 || cmd[0] == '#')
			continue;
		if (!strcmp(cmd, "header")) {
			sscanf(line, "%*s %lf", &wall);
			n = tfwriter_encode_version(ev, sizeof(ev), wall);
		} else if (!strcmp(cmd, "start")) {
			sscanf(line, "%*s %lld %lf", &step, &wall);
			n = tfwriter_encode_session_start(ev, sizeof(ev), step, wall);
		} else if (!strcmp(cmd, "text")) {
			int at = 0;
			if (sscanf(line, "%*s %4095s %lld %n", tag, &step, &at) < 2 || !at) {
				fprintf(stderr, "tbwrite: bad line: %s", line);
				return 2;
			}
			char *text = line + at;
			text[strcspn(text, "\n")] = '\0';
			unescape(tag);
			unescape(text);
			n = tfwriter_encode_text(ev, sizeof(ev), tag, step, wall, text);
		} else if (!strcmp(cmd, "hparams")) {
			const char *kv[64];
			size_t nkv = 0;
			for (char *t = strtok(line + 7, " \n"); t && nkv < 64; t = strtok(NULL, " \n"))
				kv[nkv++] = t;
			n = tfwriter_encode_hparams(ev, sizeof(ev), kv, nkv, wall);
		} else if (!strcmp(cmd, "raw")) {
			char *p = line + 3;
			while (*p == ' ')
				p++;
			for (; p[0] && p[1] && p[0] != '\n'; p += 2) {
				char hex[3] = { p[0], p[1], 0 };
				uint8_t b = (uint8_t)strtol(hex, NULL, 16);
				rc |= put(fd, &b, 1);
			}
			continue;
		} else if (!strcmp(cmd, "big") || !strcmp(cmd, "bigbad")) {
			/* streamed: data too big for the scratch buffers */
			long long size = 0;
			sscanf(line, "%*s %lld", &size);
			uint8_t hdr[12 + 16], key[16];
			size_t kn = 0;
			uint64_t body = (uint64_t)size, v;
			key[kn++] = 0x22;                       /* Event.graph_def */
			for (v = body; v >= 0x80; v >>= 7)
				key[kn++] = (uint8_t)(v | 0x80);
			key[kn++] = (uint8_t)v;
			uint64_t dlen = kn + body;
			for (int i = 0; i < 8; i++)
				hdr[i] = (uint8_t)(dlen >> (8 * i));
			uint32_t m = crc32c_mask(crc32c(hdr, 8));
			for (int i = 0; i < 4; i++)
				hdr[8 + i] = (uint8_t)(m >> (8 * i));
			rc |= put(fd, hdr, 12) | put(fd, key, kn);
			uint32_t crc = crc32c(key, kn);
			static uint8_t zero[65536];
			for (uint64_t left = body; left && !rc;) {
				size_t k = left < sizeof(zero) ? (size_t)left : sizeof(zero);
				crc = crc32c_update(crc, zero, k);
				rc |= put(fd, zero, k);
				left -= k;
			}
			m = crc32c_mask(crc) ^ (!strcmp(cmd, "bigbad") ? 0xffu : 0u);
			uint8_t tail[4] = { (uint8_t)m, (uint8_t)(m >> 8), (uint8_t)(m >> 16), (uint8_t)(m >> 24) };
			rc |= put(fd, tail, 4);
			continue;
		} else if (!strcmp(cmd, "many")) {
			sscanf(line, "%*s %4095s %lld", tag, &count);
			unescape(tag);
			for (long long i = 0; i < count && !rc; i++) {
				n = tfwriter_encode_scalar(ev, sizeof(ev), tag, i, wall + (double)i, (double)i * 0.5, TFW_SIMPLE);
				tfrecord_frame(ev, n, rec);
				rc |= put(fd, rec, n + 16);
			}
			continue;
		} else {
			if (sscanf(line, "%*s %4095s %lld %lf %lf", tag, &step, &value, &wall) < 3) {
				fprintf(stderr, "tbwrite: bad line: %s", line);
				return 2;
			}
			unescape(tag);
			enum tfw_scalar kind = !strcmp(cmd, "tensor") ? TFW_TENSOR_FLOAT
					     : !strcmp(cmd, "double") ? TFW_TENSOR_DOUBLE : TFW_SIMPLE;
			n = tfwriter_encode_scalar(ev, sizeof(ev), tag, step, wall, value, kind);
		}
		if (!n) {
			fprintf(stderr, "tbwrite: cannot encode: %s", line);
			return 1;
		}
		tfrecord_frame(ev, n, rec);
		if (!strcmp(cmd, "torn"))
			rc |= put(fd, rec, (n + 16) / 2);
		else if (!strcmp(cmd, "rest"))
			rc |= put(fd, rec + (n + 16) / 2, n + 16 - (n + 16) / 2);
		else if (!strcmp(cmd, "badcrc")) {
			rec[n + 12] ^= 0xff;
			rc |= put(fd, rec, n + 16);
		} else
			rc |= put(fd, rec, n + 16);
	}
	if (close(fd) != 0 || rc) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
