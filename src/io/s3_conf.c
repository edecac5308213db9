/* s3_conf.c: where the S3 client's endpoint, region and credentials come
 * from, in the order the AWS CLI reads them: the environment, then the
 * profile (AWS_PROFILE, else "default") in ~/.aws/credentials and
 * ~/.aws/config. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "s3.h"

/* Copy s into out (cap bytes) when it fits; false otherwise. */
static bool set(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s);
	if (n >= cap)
		return false;
	memcpy(out, s, n + 1);
	return true;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Is the line "[name]" for the section we want? */
static bool section_is(char *line, const char *want)
{
	char *end = strchr(line, ']');
	if (!end)
		return false;
	*end = '\0';
	return strcmp(trim(line + 1), want) == 0;
}

/* key = value in section of an INI file the AWS way; indented lines are a
 * nested block (config's "s3 =" settings), skipped. */
static bool ini_get(const char *path, const char *section, const char *key, char *out, size_t cap)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	char line[4096];
	bool in = false, found = false;
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (line[0] == '[') {
			in = section_is(line, section);
			continue;
		}
		char *eq = strchr(line, '=');
		if (!in || !eq || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == ';')
			continue;
		*eq = '\0';
		if (strcmp(trim(line), key) == 0)
			found = set(out, cap, trim(eq + 1));
	}
	/* the line may have held a secret */
	memset(line, 0, sizeof(line));
	fclose(f);
	return found;
}

/* key in an indented block under "parent =" in section (config's
 * "s3 =\n    addressing_style = path"). */
static bool ini_get_nested(const char *path, const char *section, const char *parent, const char *key, char *out,
			   size_t cap)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	char line[1024];
	bool in = false, block = false, found = false;
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		bool indented = line[0] == ' ' || line[0] == '\t';
		char *eq = strchr(line, '=');
		if (line[0] == '[') {
			in = section_is(line, section);
			block = false;
		} else if (in && !indented && eq) {
			*eq = '\0';
			block = strcmp(trim(line), parent) == 0 && !*trim(eq + 1);
		} else if (in && block && indented && eq) {
			*eq = '\0';
			if (strcmp(trim(line), key) == 0)
				found = set(out, cap, trim(eq + 1));
		}
	}
	memset(line, 0, sizeof(line));  /* the file may hold secrets too */
	fclose(f);
	return found;
}

bool s3_style_ok(const char *style)
{
	return strcmp(style, "auto") == 0 || strcmp(style, "path") == 0 || strcmp(style, "virtual") == 0;
}

struct files {
	char creds[1024], config[1024];
	char cred_sec[256], conf_sec[280];
};

static void files_find(struct files *fs, const char *profile)
{
	const char *home = env("HOME");
	const char *c = env("AWS_SHARED_CREDENTIALS_FILE"), *g = env("AWS_CONFIG_FILE");
	fs->creds[0] = fs->config[0] = '\0';
	if (c)
		snprintf(fs->creds, sizeof(fs->creds), "%s", c);
	else if (home)
		snprintf(fs->creds, sizeof(fs->creds), "%s/.aws/credentials", home);
	if (g)
		snprintf(fs->config, sizeof(fs->config), "%s", g);
	else if (home)
		snprintf(fs->config, sizeof(fs->config), "%s/.aws/config", home);
	snprintf(fs->cred_sec, sizeof(fs->cred_sec), "%s", profile);
	/* config names profiles "profile NAME", all but the default */
	if (strcmp(profile, "default") == 0)
		snprintf(fs->conf_sec, sizeof(fs->conf_sec), "default");
	else
		snprintf(fs->conf_sec, sizeof(fs->conf_sec), "profile %s", profile);
}

/* A setting from the profile: credentials file first, then config. */
static bool profile_get(const struct files *fs, const char *key, char *out, size_t cap)
{
	return (fs->creds[0] && ini_get(fs->creds, fs->cred_sec, key, out, cap)) ||
	       (fs->config[0] && ini_get(fs->config, fs->conf_sec, key, out, cap));
}

static int load_keys(struct s3_conf *c, const struct files *fs, const char *profile, char *err, size_t errcap)
{
	const char *id = env("AWS_ACCESS_KEY_ID"), *secret = env("AWS_SECRET_ACCESS_KEY");
	if (id || secret) {
		if (!id || !secret) {
			snprintf(err, errcap, "s3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
			return TB_ERR;
		}
		const char *tok = env("AWS_SESSION_TOKEN");
		if (!set(c->key_id, sizeof(c->key_id), id) || !set(c->secret, sizeof(c->secret), secret) ||
		    (tok && !set(c->token, sizeof(c->token), tok))) {
			snprintf(err, errcap, "s3: AWS credentials in the environment are too long");
			return TB_ERR;
		}
		return TB_OK;
	}
	if (!profile_get(fs, "aws_access_key_id", c->key_id, sizeof(c->key_id)) ||
	    !profile_get(fs, "aws_secret_access_key", c->secret, sizeof(c->secret))) {
		snprintf(err, errcap,
			 "s3: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile '%.64s' in %.200s",
			 profile, fs->creds[0] ? fs->creds : "~/.aws/credentials");
		return TB_ERR;
	}
	(void)profile_get(fs, "aws_session_token", c->token, sizeof(c->token));
	return TB_OK;
}

/* Addressing: --s3-addressing-style, else the profile's s3 block in
 * ~/.aws/config (as the AWS CLI reads it), else auto. */
static int load_style(struct s3_conf *c, const struct files *fs, const char *style, char *err, size_t errcap)
{
	if (!(style ? set(c->style, sizeof(c->style), style)
		    : fs->config[0] && ini_get_nested(fs->config, fs->conf_sec, "s3", "addressing_style", c->style,
						      sizeof(c->style))))
		set(c->style, sizeof(c->style), "auto");
	if (!s3_style_ok(c->style)) {
		snprintf(err, errcap, "s3: addressing style '%.15s' is not auto, path or virtual", c->style);
		return TB_ERR;
	}
	const char *host = strstr(c->endpoint, "://") + 3;
	if (strcmp(c->style, "virtual") == 0 && (*host == '[' || strspn(host, "0123456789.") == strcspn(host, ":/"))) {
		snprintf(err, errcap, "s3: virtual-hosted addressing needs a host name, not the address in '%.200s'",
			 c->endpoint);
		return TB_ERR;
	}
	return TB_OK;
}

int s3_conf_load(struct s3_conf *c, const char *endpoint, const char *style, char *err, size_t errcap)
{
	const char *profile = env("AWS_PROFILE");
	if (!profile)
		profile = env("AWS_DEFAULT_PROFILE");
	if (!profile)
		profile = "default";
	struct files fs;
	files_find(&fs, profile);
	if (load_keys(c, &fs, profile, err, errcap) != TB_OK)
		return TB_ERR;
	const char *r = env("AWS_REGION");
	if (!r)
		r = env("AWS_DEFAULT_REGION");
	if (!(r ? set(c->region, sizeof(c->region), r) : profile_get(&fs, "region", c->region, sizeof(c->region))))
		set(c->region, sizeof(c->region), "us-east-1");
	const char *e = endpoint && *endpoint ? endpoint : env("AWS_ENDPOINT_URL_S3");
	if (!e)
		e = env("AWS_ENDPOINT_URL");
	if (e && !set(c->endpoint, sizeof(c->endpoint), e)) {
		snprintf(err, errcap, "s3: the endpoint URL is too long");
		return TB_ERR;
	}
	c->aws = !e && !profile_get(&fs, "endpoint_url", c->endpoint, sizeof(c->endpoint));
	if (c->aws)
		snprintf(c->endpoint, sizeof(c->endpoint), "https://s3.%s.amazonaws.com", c->region);
	size_t n = strlen(c->endpoint);
	while (n && c->endpoint[n - 1] == '/')
		c->endpoint[--n] = '\0';        /* ENDPOINT/BUCKET/KEY */
	if (strncmp(c->endpoint, "http://", 7) != 0 && strncmp(c->endpoint, "https://", 8) != 0) {
		snprintf(err, errcap, "s3: endpoint '%.200s' is not an http:// or https:// URL", c->endpoint);
		return TB_ERR;
	}
	return load_style(c, &fs, style, err, errcap);
}
