/* nfl-cli-run.c: nflab run, command lines run one by one as the
 * application's command console runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "nfl-cli-run.h"
#include "nfl-engine.h"

#define MAX_TEXT_SIZE (64 * 1024 * 1024)

/* The whole of @path ("-": standard input) as text */
static char *
read_text (const char  *path,
           GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  FILE *in = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  char buffer[65536];
  size_t got;

  if (in == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  while ((got = fread (buffer, 1, sizeof buffer, in)) > 0)
    {
      if (text->len + got > MAX_TEXT_SIZE)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_TOO_LARGE,
                       "larger than %d MiB", MAX_TEXT_SIZE / (1024 * 1024));
          break;
        }
      g_string_append_len (text, buffer, got);
    }
  if (error != NULL && *error == NULL && ferror (in))
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot be read (is it a folder?)");
  if (in != stdin)
    fclose (in);
  if (error != NULL && *error != NULL)
    return NULL;
  if (memchr (text->str, '\0', text->len) != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX, "contains NUL bytes: it is not a text file");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
nfl_cli_run (int    argc,
             char **argv)
{
  g_autofree char *namespace = NULL;
  g_autofree char *scenario_path = NULL;
  const GOptionEntry entries[] = {
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("Run bare iptables, iptables-save, iptables-restore and sysctl lines in namespace NS "
         "(without it they act on the machine's own firewall)"), N_("NS") },
    { "scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario_path,
      N_("Run the lines on a copy of this scenario (nothing is saved)"), N_("SCENARIO.nflab") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflCommandHost) host = nfl_command_host_new ();
  g_autoptr(GPtrArray) commands = NULL;
  g_autofree char *text = NULL;
  const char *path, *shown;

  g_option_context_set_summary (context,
    _("Run command lines (ip, sysctl, iptables, iptables-save, iptables-restore <<'END') one by one,\n"
      "as the application's command console does, and print what each prints.  FILE “-” is standard\n"
      "input.  The first failing line is reported on stderr as FILE:LINE:COLUMN: message (<stdin> for\n"
      "standard input) and stops the run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("nflab run: %s\nTry “nflab run --help” for more information.\n",
                  error ? error->message : argc < 2 ? "no FILE (give “-” for standard input)"
                                                    : "give one FILE");
      return 2;
    }
  path = argv[1];
  shown = strcmp (path, "-") == 0 ? "<stdin>" : path;

  if (scenario_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (scenario_path);

      scenario = nfl_scenario_load_xml (file, NULL, &error);
      if (scenario == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    scenario = nfl_scenario_new ();

  if ((text = read_text (path, &error)) == NULL)
    {
      g_printerr ("nflab run: %s: %s\n", shown, error->message);
      return 1;
    }

  commands = nfl_commands_split_text (text);
  for (guint i = 0; i < commands->len; i++)
    {
      g_autoptr(GString) output = g_string_new (NULL);
      NflSourcePos where = { 0 };
      gboolean ok;

      ok = nfl_commands_run_one (scenario, host, namespace, g_ptr_array_index (commands, i), output, NULL,
                                 &where, &error);
      if (fwrite (output->str, 1, output->len, stdout) != output->len || fflush (stdout) != 0)
        {
          g_printerr ("nflab run: writing the output failed\n");
          return 1;
        }
      if (!ok)
        {
          g_printerr ("%s:%s\n", shown, error->message);
          return 1;
        }
    }
  return 0;
}
