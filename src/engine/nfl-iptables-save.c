/* nfl-iptables-save.c: reading and writing iptables-save text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-iptables.h"
#include "nfl-iptables-save.h"
#include "nfl-rule-private.h"

char *
nfl_iptables_save (const NflRuleset *ruleset,
                   gboolean          counters)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ruleset != NULL, NULL);

  nfl_ruleset_save (ruleset, counters, out);
  return g_string_free (out, FALSE);
}

static gboolean
fail_at (GError    **error,
         guint       line,
         guint       column,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (GError    **error,
         guint       line,
         guint       column,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX, "%u:%u: %s", line, column, message);
  return FALSE;
}

/* Resets @table to its built-in chains, as a "*table" block does. */
static void
reset_table (NflRuleset *ruleset,
             NflTableId  table_id)
{
  NflTable *table = nfl_ruleset_get_table (ruleset, table_id);
  NflRuleset *fresh = nfl_ruleset_new ();
  GPtrArray *chains = table->chains;
  GHashTable *index = table->chain_index;

  table->chains = fresh->tables[table_id].chains;
  table->chain_index = fresh->tables[table_id].chain_index;
  fresh->tables[table_id].chains = chains;
  fresh->tables[table_id].chain_index = index;
  nfl_ruleset_free (fresh);
  table->present = TRUE;
}

/* add_param_to_argv() of iptables-restore: words are split at blanks;
 * only double quotes group, and inside them a backslash takes the next
 * character as it is.  Single quotes, "$" and the rest are plain
 * characters (nothing is expanded).  @words gets the words (pointing into
 * @buffer, NULL-terminated), @starts each word's offset in @line and
 * @ends the offset after it (after its closing quote).  The four
 * containers are reused from line to line: a restore file can have
 * tens of thousands of lines, and allocating every word separately was
 * most of the time spent reading one. */
static void
split_restore_line (const char *line,
                    GString    *buffer,
                    GPtrArray  *words,
                    GArray     *starts,
                    GArray     *ends)
{
  gboolean quote_open = FALSE, escaped = FALSE, in_word = FALSE;
  guint start = 0, n = 0;
  gsize length = strlen (line);
  char *out;

  /* the words, each ended by a NUL, are never longer than the line, and
   * each takes at least one of its characters: the offsets are written
   * in place (appending them one by one was a tenth of a restore) */
  g_string_set_size (buffer, length + 1);
  out = buffer->str;
  g_array_set_size (starts, length + 1);
  g_array_set_size (ends, length + 1);

  for (const char *c = line; ; c++)
    {
      gboolean ends_word = FALSE;

      if (*c == '\0')
        ends_word = in_word;
      else if (quote_open)
        {
          if (escaped)
            {
              *out++ = *c;
              escaped = FALSE;
            }
          else if (*c == '\\')
            escaped = TRUE;
          else if (*c != '"')
            {
              /* the quoted text up to the next backslash or quote at once
               * (a kube-proxy rule's comment) */
              size_t plain = strcspn (c, "\\\"");

              memcpy (out, c, plain);
              out += plain;
              c += plain - 1;
            }
          else
            {
              /* the closing quote ends the word, even an empty one */
              quote_open = FALSE;
              ends_word = TRUE;
            }
        }
      else if (*c == '"')
        {
          if (!in_word)
            start = c - line;
          in_word = TRUE;
          quote_open = TRUE;
        }
      else if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
        ends_word = in_word;
      else
        {
          /* the plain characters up to the next blank or quote at once */
          size_t plain = strcspn (c, " \t\n\r\"");

          if (!in_word)
            start = c - line;
          in_word = TRUE;
          memcpy (out, c, plain);
          out += plain;
          c += plain - 1;
          continue;
        }

      if (ends_word)
        {
          guint end = c - line + (*c == '"');

          *out++ = '\0';
          g_array_index (starts, guint, n) = start;
          g_array_index (ends, guint, n) = end;
          n++;
          in_word = FALSE;
        }
      if (*c == '\0')
        break;
    }
  g_string_truncate (buffer, out - buffer->str);
  g_array_set_size (starts, n);
  g_array_set_size (ends, n);

  g_ptr_array_set_size (words, n + 1);
  for (guint w = 0, offset = 0; w < n; offset += strlen (buffer->str + offset) + 1, w++)
    words->pdata[w] = buffer->str + offset;
  words->pdata[n] = NULL;
}

/* @spelled: words @from to @n - 1 of @line as the line has them (quotes
 * and all), from the offsets split_restore_line () found, copied into
 * @buffer one after the other (so that a rule with a comment, which most
 * of a kube-proxy node's have, allocates nothing for them) */
static void
split_spelled_words (const char *line,
                     GArray     *starts,
                     GArray     *ends,
                     guint       from,
                     guint       n,
                     GString    *buffer,
                     GPtrArray  *spelled)
{
  gsize at = 0;

  /* the words and a NUL after each are never longer than twice the line */
  g_string_set_size (buffer, 2 * strlen (line) + 1);
  /* the pointers are written in place, as split_restore_line () does */
  g_ptr_array_set_size (spelled, n - from);
  for (guint w = from; w < n; w++)
    {
      guint start = g_array_index (starts, guint, w);
      guint length = g_array_index (ends, guint, w) - start;

      memcpy (buffer->str + at, line + start, length);
      buffer->str[at + length] = '\0';
      spelled->pdata[w - from] = buffer->str + at;
      at += length + 1;
    }
}

static gboolean
parse_counters (const char *text,
                guint64    *packets,
                guint64    *bytes)
{
  g_autofree char *copy = NULL;
  char *colon;

  /* what nearly every chain line of a saved table has */
  if (strcmp (text, "[0:0]") == 0)
    {
      *packets = *bytes = 0;
      return TRUE;
    }
  if (text[0] != '[' || text[strlen (text) - 1] != ']')
    return FALSE;
  copy = g_strndup (text + 1, strlen (text) - 2);
  colon = strchr (copy, ':');
  if (colon == NULL)
    return FALSE;
  *colon = '\0';
  return g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT64, packets, NULL) &&
         g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT64, bytes, NULL);
}

/* Whether @text is plain ASCII without NUL, which is valid UTF-8: most
 * restore files are, and this is several times faster than
 * g_utf8_validate () on a file of tens of thousands of lines. */
static gboolean
is_ascii (const char *text,
          gsize       length)
{
  guchar seen = 0;

  /* a NUL, then the high bits: two loops the compiler turns into vector
   * code, where one that stopped at a NUL went byte by byte */
  if (memchr (text, '\0', length) != NULL)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    seen |= (guchar) text[i];
  return seen < 0x80;
}

/* where a restore's "-A" line names its chain: a refused rule's error
 * points there */
typedef struct {
  guint line;
  guint column;
} RuleSpot;

typedef struct {
  GArray  *spots;
  GError **error;
} Refusal;

static gboolean
rule_refused_cb (guint         index,
                 const GError *refusal,
                 gpointer      user_data)
{
  Refusal *r = user_data;
  const RuleSpot *spot = &g_array_index (r->spots, RuleSpot, index);

  g_clear_error (r->error);
  fail_at (r->error, spot->line, spot->column, "%s", refusal->message);
  return FALSE;
}

/* The checks of the table's rules that follow its jumps, made once for
 * the "-A" lines since the last time (see _nfl_rule_batch_flush ()). */
static gboolean
flush_rules (NflRuleBatch *batch,
             GArray       *spots,
             GError      **error)
{
  Refusal r = { spots, error };

  return batch == NULL || _nfl_rule_batch_flush (batch, rule_refused_cb, &r);
}

NflRuleset *
nfl_iptables_restore (const NflRuleset *ruleset,
                      const char       *text,
                      gssize            length,
                      GError          **error)
{
  NflRuleset *work;
  gboolean in_table = FALSE;
  NflTableId table = NFL_TABLE_FILTER;
  guint table_line = 0;
  const char *p, *end;
  guint line_no = 0;
  g_autoptr(GString) line_buffer = g_string_new (NULL);
  g_autoptr(GString) word_buffer = g_string_new (NULL);
  g_autoptr(GPtrArray) word_array = g_ptr_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) spelled_buffer = g_string_new (NULL);
  g_autoptr(GPtrArray) spelled_array = g_ptr_array_new ();
  /* the table's "-A" lines are checked against its jumps together */
  g_autoptr(NflRuleBatch) batch = NULL;
  g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (RuleSpot));

  g_return_val_if_fail (ruleset != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (!is_ascii (text, length) && !g_utf8_validate (text, length, NULL))
    {
      fail_at (error, 1, 1, "the text is not valid UTF-8");
      return NULL;
    }

  work = nfl_ruleset_copy (ruleset);
  p = text;
  end = text + length;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line;
      char **words;
      GError *local = NULL;
      guint n;
      int first = 0;
      guint64 packets = 0, bytes = 0;
      gboolean have_counters = FALSE;

      line_no++;
      g_string_truncate (line_buffer, 0);
      /* up to a NUL, as the C string iptables-restore reads */
      g_string_append_len (line_buffer, p, strnlen (p, nl ? (gsize) (nl - p) : (gsize) (end - p)));
      line = line_buffer->str;
      p = nl ? nl + 1 : end;

      if (line[0] == '#' || line[0] == '\0')
        continue;
      if (line[0] == '*')
        {
          if (in_table)
            {
              fail_at (error, line_no, 1, "“%s” starts a table, but table %s (line %u) has no COMMIT yet",
                       line, nfl_table_name (table), table_line);
              goto failed;
            }
          if (!nfl_table_from_name (line + 1, &table))
            {
              fail_at (error, line_no, 2, "unknown table “%s”: the tables are filter, nat, mangle and raw",
                       line + 1);
              goto failed;
            }
          reset_table (work, table);
          g_clear_pointer (&batch, _nfl_rule_batch_free);
          batch = _nfl_rule_batch_new (work, table);
          g_array_set_size (spots, 0);
          in_table = TRUE;
          table_line = line_no;
          continue;
        }
      if (strcmp (line, "COMMIT") == 0)
        {
          if (!in_table)
            {
              fail_at (error, line_no, 1, "COMMIT outside a table");
              goto failed;
            }
          if (!flush_rules (batch, spots, error))
            goto failed;
          g_clear_pointer (&batch, _nfl_rule_batch_free);
          in_table = FALSE;
          continue;
        }
      if (!in_table)
        {
          fail_at (error, line_no, 1, "a line outside a table: the text must start with “*TABLE”");
          goto failed;
        }
      if (line[0] == ':')
        {
          g_auto(GStrv) parts = g_strsplit (line + 1, " ", -1);
          NflChain *chain;
          guint count = g_strv_length (parts);

          if (count < 2 || parts[0][0] == '\0')
            {
              fail_at (error, line_no, 1, "a chain line reads “:NAME POLICY [PACKETS:BYTES]”");
              goto failed;
            }
          chain = nfl_ruleset_find_chain (work, table, parts[0]);
          if (chain == NULL)
            {
              if (strcmp (parts[1], "-") != 0)
                {
                  fail_at (error, line_no, strlen (parts[0]) + 3,
                           "“%s” is not a built-in chain of %s, so its policy must be “-”",
                           parts[0], nfl_table_name (table));
                  goto failed;
                }
              if (strlen (parts[0]) > NFL_CHAIN_MAXLEN)
                {
                  fail_at (error, line_no, 2, "chain name “%s” is longer than 28 characters", parts[0]);
                  goto failed;
                }
              /* iptables-restore 1.8.9 refuses the standard verdicts and a
               * leading "-" or "!" (a user chain may be named LOG or DNAT) */
              if (strcmp (parts[0], "ACCEPT") == 0 || strcmp (parts[0], "DROP") == 0 ||
                  strcmp (parts[0], "RETURN") == 0 || strcmp (parts[0], "QUEUE") == 0)
                {
                  fail_at (error, line_no, 2, "chain name may not clash with target name: “%s” is a verdict",
                           parts[0]);
                  goto failed;
                }
              if (parts[0][0] == '-' || parts[0][0] == '!')
                {
                  fail_at (error, line_no, 2, "chain name not allowed to start with `%c'", parts[0][0]);
                  goto failed;
                }
              chain = _nfl_chain_new_user (parts[0]);
              _nfl_table_add_user_chain (nfl_ruleset_get_table (work, table), chain);
            }
          else if (chain->builtin)
            {
              if (strcmp (parts[1], "ACCEPT") == 0)
                chain->policy = NFL_POLICY_ACCEPT;
              else if (strcmp (parts[1], "DROP") == 0)
                chain->policy = NFL_POLICY_DROP;
              else
                {
                  fail_at (error, line_no, strlen (parts[0]) + 3,
                           "policy “%s” of %s: a policy is ACCEPT or DROP", parts[1], parts[0]);
                  goto failed;
                }
            }
          else
            {
              fail_at (error, line_no, 2, "chain “%s” is declared twice", parts[0]);
              goto failed;
            }
          if (count >= 3 && !parse_counters (parts[2], &chain->packets, &chain->bytes))
            {
              fail_at (error, line_no, strlen (parts[0]) + strlen (parts[1]) + 4,
                       "counters read “[PACKETS:BYTES]”, not “%s”", parts[2]);
              goto failed;
            }
          continue;
        }

      split_restore_line (line, word_buffer, word_array, starts, ends);
      words = (char **) word_array->pdata;
      n = word_array->len - 1;
      if (n == 0)
        continue;
      if (words[0][0] == '[')
        {
          if (!parse_counters (words[0], &packets, &bytes))
            {
              fail_at (error, line_no, 1, "counters read “[PACKETS:BYTES]”, not “%s”", words[0]);
              goto failed;
            }
          have_counters = TRUE;
          first = 1;
        }
      if ((guint) first >= n)
        continue;

      if (strcmp (words[first], "-A") == 0 || strcmp (words[first], "--append") == 0)
        {
          NflRule *rule;
          int bad = -1;
          const char *chain_name;

          if ((guint) first + 1 >= n)
            {
              fail_at (error, line_no, g_array_index (starts, guint, first) + 1, "-A needs a chain name");
              goto failed;
            }
          chain_name = words[first + 1];
          /* a match or target kept as written keeps its words as the line
           * has them: without a quote in the line they are the words */
          if (strchr (line, '"') != NULL)
            {
              split_spelled_words (line, starts, ends, first + 2, n, spelled_buffer, spelled_array);
              rule = nfl_rule_from_saved_words (n - first - 2, (const char *const *) words + first + 2,
                                                (const char *const *) spelled_array->pdata, &bad, &local);
            }
          else
            rule = nfl_rule_from_saved_words (n - first - 2, (const char *const *) words + first + 2,
                                              (const char *const *) words + first + 2, &bad, &local);
          if (rule == NULL)
            {
              guint word = bad >= 0 ? (guint) (first + 2 + bad) : (guint) first;
              guint column = word < starts->len ? g_array_index (starts, guint, word) + 1 : 1;
              fail_at (error, line_no, column, "%s", local->message);
              g_error_free (local);
              goto failed;
            }
          if (have_counters)
            {
              rule->packets = packets;
              rule->bytes = bytes;
            }
          {
            RuleSpot spot = { line_no, g_array_index (starts, guint, first + 1) + 1 };

            g_array_append_val (spots, spot);
            if (!_nfl_rule_batch_append (batch, chain_name, rule, NULL))
              {
                /* refused, unless an earlier rule is */
                flush_rules (batch, spots, error);
                goto failed;
              }
          }
          continue;
        }

      /* other commands (-I, -D, -N, -F …) as iptables-restore allows */
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        int bad = -1;

        g_ptr_array_add (argv, (char *) "iptables");
        g_ptr_array_add (argv, (char *) "-t");
        g_ptr_array_add (argv, (char *) nfl_table_name (table));
        for (guint i = first; i < n; i++)
          g_ptr_array_add (argv, words[i]);
        if (!flush_rules (batch, spots, error))
          goto failed;
        if (!nfl_iptables_run (work, argv->len, (char **) argv->pdata, NULL, &bad, &local))
          {
            /* bad counts our three leading words; it may point one past
             * the last word when an option's value is glued to it */
            guint word = bad >= 3 ? (guint) (first + bad - 3) : G_MAXUINT;
            guint column = word < starts->len ? g_array_index (starts, guint, word) + 1 : 1;
            fail_at (error, line_no, column, "%s", local->message);
            g_error_free (local);
            goto failed;
          }
      }
    }

  if (in_table)
    {
      fail_at (error, line_no ? line_no : 1, 1, "table %s (line %u) ends without COMMIT",
               nfl_table_name (table), table_line);
      goto failed;
    }
  return work;

failed:
  {
    /* an earlier rule refused is the first error */
    g_autoptr(GError) earlier = NULL;

    if (!flush_rules (batch, spots, &earlier))
      {
        g_clear_error (error);
        g_propagate_error (error, g_steal_pointer (&earlier));
      }
  }
  g_clear_pointer (&batch, _nfl_rule_batch_free);
  nfl_ruleset_free (work);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* the iptables-save command                                               */
/* ---------------------------------------------------------------------- */

/* ctime (): "Wed Dec  2 18:38:02 2026", always in English */
static char *
format_ctime (GDateTime *now)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  return g_strdup_printf ("%s %s %2d %02d:%02d:%02d %d",
                          days[g_date_time_get_day_of_week (now) - 1],
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                          g_date_time_get_minute (now), g_date_time_get_second (now),
                          g_date_time_get_year (now));
}

static void
append_table (const NflTable *table,
              gboolean        counters,
              const char     *program,
              const char     *date,
              GString        *out)
{
  g_string_append_printf (out, "# Generated by %s v1.8.9 (nf_tables) on %s\n*%s\n",
                          program, date, nfl_table_name (table->id));
  for (guint c = 0; c < table->chains->len; c++)
    {
      const NflChain *chain = g_ptr_array_index (table->chains, c);
      g_string_append_printf (out, ":%s %s [%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]\n",
                              chain->name, nfl_policy_name (chain->policy), chain->packets, chain->bytes);
    }
  for (guint c = 0; c < table->chains->len; c++)
    nfl_chain_append_save_rules (g_ptr_array_index (table->chains, c), counters, out);
  g_string_append_printf (out, "COMMIT\n# Completed on %s\n", date);
}

static gboolean
save_fail (int        *bad_word,
           int         word,
           GError    **error,
           const char *message)
{
  if (bad_word != NULL)
    *bad_word = word;
  g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID, message);
  return FALSE;
}

gboolean
nfl_iptables_save_run (const NflRuleset *ruleset,
                       int               argc,
                       char            **argv,
                       GDateTime        *now,
                       GString          *output,
                       int              *table_out,
                       int              *bad_word,
                       GError          **error)
{
  static const struct { const char *name; char letter; gboolean arg; } long_options[] = {
    { "counters", 'c', FALSE }, { "version", 'V', FALSE }, { "dump", 'd', FALSE },
    { "table", 't', TRUE }, { "modprobe", 'M', TRUE }, { "file", 'f', TRUE },
  };
  static const NflTableId order[] = {
    NFL_TABLE_MANGLE, NFL_TABLE_RAW, NFL_TABLE_FILTER, NFL_TABLE_NAT,
  };
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *program = NULL;
  g_autofree char *date = NULL;
  gboolean counters = FALSE, only_options = TRUE;
  const char *table_name = NULL;
  int table_word = -1;
  NflTableId table = NFL_TABLE_FILTER;

  g_return_val_if_fail (ruleset != NULL, FALSE);
  g_return_val_if_fail (argc >= 1, FALSE);

  if (bad_word != NULL)
    *bad_word = -1;
  if (table_out != NULL)
    *table_out = -1;
  program = g_path_get_basename (argv[0]);

  for (int i = 1; i < argc; i++)
    {
      const char *w = argv[i];
      char letter = 0;
      const char *arg = NULL;
      int option_word = i;

      if (!only_options || w[0] != '-' || w[1] == '\0')
        {
          /* getopt moves the other words to the end: they are reported after
           * the options have been read */
          return save_fail (bad_word, i, error,
                            "Unknown arguments found on commandline: iptables-save takes only options");
        }
      if (g_str_equal (w, "--"))
        {
          only_options = FALSE;
          continue;
        }
      if (w[1] == '-')
        {
          const char *name = w + 2;
          const char *eq = strchr (name, '=');
          size_t len = eq ? (size_t) (eq - name) : strlen (name);
          int found = -1;

          for (guint o = 0; o < G_N_ELEMENTS (long_options); o++)
            if (strncmp (long_options[o].name, name, len) == 0)
              {
                if (strlen (long_options[o].name) == len)
                  {
                    found = o;
                    break;
                  }
                if (found >= 0)
                  return save_fail (bad_word, i, error, "iptables-save: this option is ambiguous");
                found = o;
              }
          if (found < 0 || len == 0)
            return save_fail (bad_word, i, error,
                              "iptables-save: unrecognized option: it takes -t TABLE and -c");
          letter = long_options[found].letter;
          if (long_options[found].arg)
            {
              if (eq != NULL)
                arg = eq + 1;
              else if (i + 1 < argc)
                arg = argv[++i];
              else
                return save_fail (bad_word, i, error, "iptables-save: option requires an argument");
            }
          else if (eq != NULL)
            return save_fail (bad_word, i, error, "iptables-save: option doesn't allow an argument");
        }
      else
        {
          /* a cluster of short options, "-ct nat", "-tnat" */
          for (const char *c = w + 1; *c != '\0'; c++)
            {
              letter = *c;
              if (strchr ("tMf", letter) != NULL)
                {
                  if (c[1] != '\0')
                    arg = c + 1;
                  else if (i + 1 < argc)
                    arg = argv[++i];
                  else
                    return save_fail (bad_word, i, error,
                                      "iptables-save: option requires an argument -- 't'");
                  break;
                }
              if (strchr ("cdbV", letter) == NULL)
                return save_fail (bad_word, i, error,
                                  "iptables-save: invalid option: it takes -t TABLE and -c");
              if (c[1] != '\0')
                {
                  if (letter == 'c')
                    counters = TRUE;
                  else if (letter == 'b')
                    return save_fail (bad_word, i, error, "-b/--binary option is not implemented");
                  else if (letter == 'V')
                    {
                      g_string_append_printf (output, "%s v1.8.9 (nf_tables)\n", program);
                      return TRUE;
                    }
                }
            }
        }
      switch (letter)
        {
        case 'c':
          counters = TRUE;
          break;
        case 'd':
          break;
        case 'b':
          return save_fail (bad_word, option_word, error, "-b/--binary option is not implemented");
        case 'V':
          g_string_append_printf (output, "%s v1.8.9 (nf_tables)\n", program);
          return TRUE;
        case 'M':
          break;
        case 'f':
          return save_fail (bad_word, option_word, error,
                            "iptables-save -f (writing to a file) is not simulated: the output is printed");
        case 't':
          table_name = arg;
          table_word = arg == argv[i] ? i : option_word;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (table_name != NULL && !nfl_table_from_name (table_name, &table))
    {
      g_autofree char *message = NULL;

      message = g_str_equal (table_name, "security")
                ? g_strdup ("the security table is not simulated: the tables are filter, nat, mangle and raw")
                : g_strdup_printf ("Table `%s' does not exist: the tables are filter, nat, mangle and raw",
                                   table_name);
      return save_fail (bad_word, table_word, error, message);
    }

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();
  date = format_ctime (now);
  if (table_name != NULL)
    {
      if (table_out != NULL)
        *table_out = table;
      /* a table named with -t is printed even when nothing uses it */
      append_table (&ruleset->tables[table], counters, program, date, output);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (ruleset->tables[order[i]].present)
      append_table (&ruleset->tables[order[i]], counters, program, date, output);
  return TRUE;
}
