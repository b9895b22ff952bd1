/* fuzz-iptables-restore.c: libFuzzer target for nfl_iptables_restore ()
 *
 * The input is iptables-save text, read into a fresh ruleset with its
 * exact length (no terminating NUL, so a read past the end is caught).
 * When it is accepted, what nfl_iptables_save () prints must be accepted
 * again and print the same text (the round trip iptables-save ->
 * iptables-restore -> iptables-save is stable in the real tools too).
 * The one exception is the real tools' own: iptables accepts interface
 * names with blanks or quotes (with a warning) and iptables-save prints
 * them unquoted, so such a ruleset does not round-trip there either.
 * NFL_FUZZ_ROUNDTRIP=0 in the environment turns that check off, to look
 * only for memory errors and undefined behaviour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nfl-engine.h"
#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean check_round_trip = TRUE;

static gboolean
has_blank_or_quote (const char *iface)
{
  return strpbrk (iface, " \t\n\r\v\f\"'\\") != NULL;
}

/* FALSE when the real iptables-save would print something that the real
 * iptables-restore reads differently: an interface name it does not
 * quote. */
static gboolean
round_trips_in_iptables (NflRuleset *ruleset)
{
  for (int t = 0; t < NFL_N_TABLES; t++)
    {
      GPtrArray *chains = ruleset->tables[t].chains;
      for (guint c = 0; chains != NULL && c < chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (chains, c);
          for (guint r = 0; r < chain->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (chain->rules, r);
              if ((rule->has_in && has_blank_or_quote (rule->in)) ||
                  (rule->has_out && has_blank_or_quote (rule->out)))
                return FALSE;
            }
        }
    }
  return TRUE;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  check_round_trip = g_strcmp0 (g_getenv ("NFL_FUZZ_ROUNDTRIP"), "0") != 0;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  NflRuleset *empty = nfl_ruleset_new ();
  NflRuleset *restored, *again;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL, *saved_again = NULL;

  restored = nfl_iptables_restore (empty, (const char *) data, size, &error);
  if (restored == NULL)
    {
      if (error == NULL)
        abort ();
      nfl_ruleset_free (empty);
      return 0;
    }
  if (error != NULL)
    abort ();

  saved = nfl_iptables_save (restored, TRUE);
  if (!check_round_trip || !round_trips_in_iptables (restored))
    {
      nfl_ruleset_free (restored);
      nfl_ruleset_free (empty);
      return 0;
    }
  again = nfl_iptables_restore (empty, saved, -1, &error);
  if (again == NULL)
    {
      fprintf (stderr, "the engine refused its own iptables-save output: %s\n--- output:\n%s---\n",
               error->message, saved);
      abort ();
    }
  saved_again = nfl_iptables_save (again, TRUE);
  if (strcmp (saved, saved_again) != 0)
    {
      fprintf (stderr, "iptables-save output changed after a round trip\n--- first:\n%s--- second:\n%s---\n",
               saved, saved_again);
      abort ();
    }

  nfl_ruleset_free (again);
  nfl_ruleset_free (restored);
  nfl_ruleset_free (empty);
  return 0;
}
