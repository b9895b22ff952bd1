/* test-iptables-golden.c: the iptables emulation against the real iptables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test per case of tests/data/iptables/cases: NAME.cmds holds the
 * command lines (iptables, and iptables-save whose date lines are compared
 * for their form only), NAME.out what iptables 1.8.9 (nf_tables) printed for
 * each of them and the final iptables-save (see the README there).  Every
 * case runs on a fresh ruleset and must give:
 *
 *   - the same stdout, byte for byte, for every command;
 *   - success where iptables exited 0 and failure where it did not, with
 *     a message of our own that is not empty (our messages say why, so
 *     their text is not compared);
 *   - the same iptables-save text at the end.
 *
 * Cases named in tests/data/iptables/known-differences.txt show a quirk
 * of iptables that the engine does not copy; they are skipped, and the
 * reason given there is printed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nfl-engine.h"

typedef struct {
  char *stdout_text;    /* what the command printed on stdout */
  char *stderr_text;    /* its stderr lines, without the "2> " */
  int   status;         /* its exit status */
} Expected;

typedef struct {
  char       *name;
  char       *cmds_path;
  char       *out_path;
  char       *skip_reason;   /* NULL unless a known difference */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->cmds_path);
  g_free (c->out_path);
  g_free (c->skip_reason);
  g_free (c);
}

static void
expected_clear (Expected *e)
{
  g_free (e->stdout_text);
  g_free (e->stderr_text);
}

/* The command lines of a .cmds file: "#" lines and blank lines are not
 * commands. */
static GPtrArray *
read_commands (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *commands = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s: %s", path, error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0' || line[0] == '#')
        continue;
      g_ptr_array_add (commands, g_strdup (line));
    }
  return commands;
}

/* Splits a .out transcript into one Expected per command and the text
 * after "== iptables-save".  The "$ " lines must repeat @commands in
 * order. */
static gboolean
read_transcript (const char  *path,
                 GPtrArray   *commands,
                 GArray      *expected,
                 char       **save_text,
                 GString     *problems)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  guint i = 0;
  GString *save = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s: %s", path, error->message);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  /* the file ends with a newline: drop the empty piece after it */
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  for (guint c = 0; c < commands->len; c++)
    {
      g_autofree char *header = g_strconcat ("$ ", (char *) g_ptr_array_index (commands, c), NULL);
      g_autofree char *next = c + 1 < commands->len
                              ? g_strconcat ("$ ", (char *) g_ptr_array_index (commands, c + 1), NULL)
                              : NULL;
      GString *out = g_string_new (NULL);
      GString *err = g_string_new (NULL);
      Expected e = { 0 };

      if (i >= n_lines || strcmp (lines[i], header) != 0)
        {
          g_string_append_printf (problems, "%s: line %u should be '%s'\n", path, i + 1, header);
          g_string_free (out, TRUE);
          g_string_free (err, TRUE);
          return FALSE;
        }
      for (i++; i < n_lines; i++)
        {
          const char *line = lines[i];

          if ((next != NULL && strcmp (line, next) == 0) ||
              (next == NULL && strcmp (line, "== iptables-save") == 0))
            break;
          if (g_str_has_prefix (line, "2> ") || strcmp (line, "2>") == 0)
            g_string_append_printf (err, "%s\n", line[2] == ' ' ? line + 3 : "");
          else if (g_str_has_prefix (line, "? "))
            e.status = atoi (line + 2);
          else
            g_string_append_printf (out, "%s\n", line);
        }
      e.stdout_text = g_string_free (out, FALSE);
      e.stderr_text = g_string_free (err, FALSE);
      g_array_append_val (expected, e);
    }

  if (i >= n_lines || strcmp (lines[i], "== iptables-save") != 0)
    {
      g_string_append_printf (problems, "%s: no '== iptables-save' line after the last command\n", path);
      return FALSE;
    }
  save = g_string_new (NULL);
  for (i++; i < n_lines; i++)
    g_string_append_printf (save, "%s\n", lines[i]);
  *save_text = g_string_free (save, FALSE);
  return TRUE;
}

/* A line diff of @want (iptables) against @got (ours): "-" lines only
 * iptables printed, "+" lines only we printed, from a longest common
 * subsequence of the lines (the texts are short). */
static void
append_diff (GString    *out,
             const char *want,
             const char *got)
{
  g_auto(GStrv) a = g_strsplit (want, "\n", -1);
  g_auto(GStrv) b = g_strsplit (got, "\n", -1);
  guint na = g_strv_length (a), nb = g_strv_length (b);
  g_autofree guint *lcs = g_new0 (guint, (na + 1) * (nb + 1));
  guint i = 0, j = 0;

#define LCS(x, y) lcs[(x) * (nb + 1) + (y)]
  for (guint x = na; x-- > 0;)
    for (guint y = nb; y-- > 0;)
      LCS (x, y) = strcmp (a[x], b[y]) == 0 ? LCS (x + 1, y + 1) + 1
                                            : MAX (LCS (x + 1, y), LCS (x, y + 1));
  while (i < na || j < nb)
    {
      if (i < na && j < nb && strcmp (a[i], b[j]) == 0)
        i++, j++;
      else if (j < nb && (i == na || LCS (i, j + 1) >= LCS (i + 1, j)))
        g_string_append_printf (out, "      + '%s'\n", b[j++]);
      else
        g_string_append_printf (out, "      - '%s'\n", a[i++]);
    }
#undef LCS
}

/* The date of iptables-save's "# Generated by … on DATE" and "# Completed
 * on DATE" lines as "DATE", when it has ctime ()'s form */
static char *
normalise_dates (const char *text)
{
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("^(# Generated by .* on |# Completed on )"
                         "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}$",
                         G_REGEX_MULTILINE, 0, NULL);
  return g_regex_replace (regex, text, -1, 0, "\\1DATE", 0, NULL);
}

/* The same output, the dates of iptables-save's comment lines aside */
static gboolean
same_output (const char *ours,
             const char *theirs)
{
  g_autofree char *a = normalise_dates (ours);
  g_autofree char *b = normalise_dates (theirs);

  return strcmp (a, b) == 0;
}

/* When iptables' message has one of these phrases, ours must have it
 * too: a learner who knows iptables' words finds them again. */
static const char *const phrases[] = {
  "Index of insertion too big", "Index of deletion too big", "Index of replacement too big",
  "No chain/target/match by that name", "Chain already exists", "Bad built-in chain name",
  "Bad policy name", "RULE_APPEND failed (Invalid argument)", "RULE_APPEND failed (Too many links)",
  "RULE_INSERT failed (Too many links)", "CHAIN_DEL failed (Device or resource busy)",
  "Bad rule (does a matching rule exist in that chain?)", "Cannot use -", "Can't use -",
  "Illegal option", "unknown option", "Bad argument", "requires an argument", "host/network",
  "invalid mask", "invalid port/service", "invalid portrange", "must be shorter than IFNAMSIZ",
  "multiple -", "Invalid rule number", "chain name may not clash with target name",
  "too long (must be under 29 chars)", "not allowed to start with", "File exists",
  "unknown protocol", "does not exist", "Couldn't load match", "must be specified",
  "not intended for filtering", "no command specified", "multiple consecutive ! not allowed",
  "too many ports specified", "match requires", "unknown reject type", "log level",
  "Empty interface", "Unknown ICMP type", "Unknown TCP flag", "Bad state", "Bad ctstate",
};

/* Where iptables-nft says "No chain/target/match by that name" because
 * it has not created a built-in chain yet, ours says what is wrong
 * with the chain that does exist here. */
static const char *const lazy_chain_answers[] = {
  "Index of deletion too big", "Index of replacement too big",
};

static void
check_phrases (GString    *problems,
               const char *line,
               const char *theirs,
               const char *ours)
{
  g_autofree char *first = g_strndup (theirs, strcspn (theirs, "\n"));
  g_autofree char *ours_lower = g_ascii_strdown (ours, -1);

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      g_autofree char *phrase_lower = g_ascii_strdown (phrases[i], -1);

      gboolean lazy = FALSE;

      for (guint l = 0; l < G_N_ELEMENTS (lazy_chain_answers); l++)
        lazy |= g_str_equal (phrases[i], "No chain/target/match by that name") &&
                g_str_has_prefix (ours, lazy_chain_answers[l]);
      if (strstr (first, phrases[i]) != NULL && strstr (ours_lower, phrase_lower) == NULL && !lazy)
        g_string_append_printf (problems, "  $ %s\n    our message lacks iptables' words '%s': %s\n",
                                line, phrases[i], ours);
    }
}

/* Runs one case; every difference from iptables goes to @problems */
static void
run_case (const Case *c,
          GString    *problems)
{
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (Expected));
  g_autofree char *want_save = NULL;
  g_autofree char *got_save = NULL;
  NflRuleset *ruleset;

  g_array_set_clear_func (expected, (GDestroyNotify) expected_clear);
  commands = read_commands (c->cmds_path);
  if (!read_transcript (c->out_path, commands, expected, &want_save, problems))
    return;

  ruleset = nfl_ruleset_new ();
  for (guint i = 0; i < commands->len; i++)
    {
      const char *line = g_ptr_array_index (commands, i);
      const Expected *e = &g_array_index (expected, Expected, i);
      g_auto(GStrv) words = NULL;
      g_autoptr(GArray) starts = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      guint bad_offset = 0;
      int bad_word = -2;
      gboolean ok;

      if (!nfl_command_split (line, &words, &starts, &bad_offset, &error))
        {
          g_string_append_printf (problems, "  $ %s\n    cannot split at byte %u: %s\n",
                                  line, bad_offset, error->message);
          continue;
        }
      if (g_str_equal (words[0], "iptables-save") || g_str_equal (words[0], "iptables-nft-save"))
        ok = nfl_iptables_save_run (ruleset, g_strv_length (words), words, NULL, output, NULL, &bad_word,
                                    &error);
      else
        {
          g_assert_cmpstr (words[0], ==, "iptables");
          ok = nfl_iptables_run (ruleset, g_strv_length (words), words, output, &bad_word, &error);
        }

      if (g_test_verbose () && !ok)
        g_test_message ("$ %s\n  iptables: %s  ours:     %s", line,
                        e->stderr_text[0] ? e->stderr_text : "(nothing)\n", error->message);

      if (ok != (e->status == 0))
        {
          g_string_append_printf (problems, "  $ %s\n", line);
          if (ok)
            g_string_append_printf (problems, "    succeeded; iptables failed with status %d: %s",
                                    e->status, e->stderr_text);
          else
            g_string_append_printf (problems, "    failed (%s); iptables succeeded\n", error->message);
        }
      else if (!ok)
        {
          if (error == NULL || error->message == NULL || error->message[0] == '\0')
            g_string_append_printf (problems, "  $ %s\n    failed with an empty message\n", line);
          else
            check_phrases (problems, line, e->stderr_text, error->message);
          if (bad_word < -1 || bad_word >= (int) g_strv_length (words))
            g_string_append_printf (problems, "  $ %s\n    bad_word %d is not a word of the line\n",
                                    line, bad_word);
        }
      if (!same_output (output->str, e->stdout_text))
        {
          g_string_append_printf (problems, "  $ %s\n    stdout differs (- iptables, + ours):\n", line);
          append_diff (problems, e->stdout_text, output->str);
        }
    }

  got_save = nfl_iptables_save (ruleset, FALSE);
  if (strcmp (got_save, want_save) != 0)
    {
      g_string_append (problems, "  == iptables-save differs (- iptables, + ours):\n");
      append_diff (problems, want_save, got_save);
    }
  nfl_ruleset_free (ruleset);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GString) problems = g_string_new (NULL);

  run_case (c, problems);
  if (c->skip_reason != NULL)
    {
      /* a known difference that went away must leave the list */
      if (problems->len == 0)
        g_test_fail_printf ("%s is in known-differences.txt, but now matches iptables: "
                            "remove it from the list", c->name);
      else
        g_test_skip (c->skip_reason);
      return;
    }
  if (problems->len > 0)
    g_test_fail_printf ("%s:\n%s", c->name, problems->str);
}

/* "NAME reason…" per line; "#" lines and blank lines are comments. */
static GHashTable *
read_known_differences (const char *path)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_error ("%s: %s", path, error->message);
      return known;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *space;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      space = strpbrk (line, " \t");
      if (space == NULL)
        g_error ("%s:%u: '%s' has no reason after the case name", path, i + 1, line);
      *space = '\0';
      g_hash_table_insert (known, g_strdup (line), g_strdup (g_strstrip (space + 1)));
    }
  return known;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *known_path = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *entry;

  /* every case runs even when one fails (as -k would ask) */
  g_autofree char **args = g_new0 (char *, argc + 2);
  memcpy (args, argv, sizeof (char *) * argc);
  args[argc++] = (char *) "--keep-going";
  argv = args;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "data", "iptables", "cases", NULL);
  known_path = g_test_build_filename (G_TEST_DIST, "data", "iptables", "known-differences.txt", NULL);
  known = read_known_differences (known_path);

  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    g_error ("%s: %s", dir, error->message);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".cmds"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".cmds")));
  g_ptr_array_sort (names, compare_names);
  if (names->len == 0)
    g_error ("%s: no cases", dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *file = g_strconcat (name, ".cmds", NULL);
      g_autofree char *out = g_strconcat (name, ".out", NULL);
      g_autofree char *path = g_strconcat ("/iptables/golden/", name, NULL);
      Case *c = g_new0 (Case, 1);
      const char *reason = g_hash_table_lookup (known, name);

      c->name = g_strdup (name);
      c->cmds_path = g_build_filename (dir, file, NULL);
      c->out_path = g_build_filename (dir, out, NULL);
      if (reason != NULL)
        c->skip_reason = g_strdup_printf ("known difference: %s", reason);
      g_hash_table_remove (known, name);
      g_test_add_data_func_full (path, c, test_case, case_free);
    }

  /* a known difference must name a case that exists */
  if (g_hash_table_size (known) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_printerr ("known-differences.txt names '%s', which is not a case\n", (char *) key);
      return 1;
    }

  return g_test_run ();
}
