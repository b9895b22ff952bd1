/* nfl-command-console.c: the tutorial's commands typed against the open scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user types runs through the document (nfl_document_run_commands):
 * the engine's command language, all lines or none, one undo step when the
 * scenario changed.  The output is what the commands print, exactly as
 * iptables prints it; an error keeps the typed text, selects the word it
 * is about and shows the message with its line and column.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nfl-command-console.h"

/* What one paste or one text may hold: the engine reads commands one line
 * at a time and a scenario file is at most 16 MiB, but GtkTextView takes
 * seconds to lay out tens of megabytes. */
#define INPUT_MAX (10 * 1000 * 1000)
/* The output keeps this much; older text goes */
#define OUTPUT_MAX (4 * 1000 * 1000)

struct _NflCommandConsole
{
  AdwBin       parent_instance;

  NflDocument *document;
  char        *ns;
  GPtrArray   *history;        /* char*, oldest first */
  guint        history_index;  /* == history->len: the line being typed */
  char        *typed;          /* the line being typed, while browsing */

  /* template children */
  GtkTextView *input_view;
  GtkTextView *output_view;
  GtkScrolledWindow *output_scroller;
  GtkLabel    *prompt_label;
};

G_DEFINE_FINAL_TYPE (NflCommandConsole, nfl_command_console, ADW_TYPE_BIN)

enum {
  RAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static char *
get_input (NflCommandConsole *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_input (NflCommandConsole *self,
           const char        *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input_view);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
scroll_to_end (NflCommandConsole *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_move_mark_by_name (buffer, "nfl-end", &end);
  gtk_text_view_scroll_mark_onscreen (self->output_view, gtk_text_buffer_get_mark (buffer, "nfl-end"));
}

static void
append_output (NflCommandConsole *self,
               const char        *text,
               const char        *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);

  /* the oldest output goes first */
  if (gtk_text_buffer_get_char_count (buffer) > OUTPUT_MAX)
    {
      GtkTextIter start, cut;

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_get_iter_at_offset (buffer, &cut, gtk_text_buffer_get_char_count (buffer) - OUTPUT_MAX);
      gtk_text_iter_forward_line (&cut);
      gtk_text_buffer_delete (buffer, &start, &cut);
    }
}

static char *
prompt (NflCommandConsole *self)
{
  /* a root shell's prompt in that namespace */
  return self->ns != NULL ? g_strdup_printf ("%s #", self->ns) : g_strdup ("#");
}

/* The typed lines as the output shows them, with the word at @line:@column
 * (1-based, bytes; 0: none) marked. */
static void
echo_command (NflCommandConsole *self,
              const char        *text,
              guint              bad_line,
              guint              bad_column)
{
  g_autofree char *shown_prompt = prompt (self);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      const char *line = lines[n];

      append_output (self, n == 0 ? shown_prompt : "", "prompt");
      append_output (self, n == 0 ? " " : "> ", "prompt");
      if (n + 1 == bad_line && bad_column >= 1 && bad_column - 1 <= strlen (line))
        {
          gsize start = bad_column - 1;
          gsize end = start;
          g_autofree char *before = g_strndup (line, start);
          g_autofree char *word = NULL;

          while (line[end] != '\0' && line[end] != ' ' && line[end] != '\t')
            end++;
          if (end == start)
            end = MIN (start + 1, strlen (line));
          word = g_strndup (line + start, end - start);
          append_output (self, before, "command");
          append_output (self, word, "bad-word");
          append_output (self, line + end, "command");
        }
      else
        append_output (self, line, "command");
      append_output (self, "\n", NULL);
    }
}

/* Selects the word at @line:@column of the input. */
static void
select_bad_word (NflCommandConsole *self,
                 guint              line,
                 guint              column)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input_view);
  GtkTextIter start, end;

  if (line == 0 || column == 0)
    return;
  gtk_text_buffer_get_iter_at_line_index (buffer, &start, line - 1, column - 1);
  end = start;
  while (!gtk_text_iter_ends_line (&end) && !g_unichar_isspace (gtk_text_iter_get_char (&end)))
    gtk_text_iter_forward_char (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
add_to_history (NflCommandConsole *self,
                const char        *text)
{
  const char *last = self->history->len > 0 ? g_ptr_array_index (self->history, self->history->len - 1) : NULL;

  if (g_strcmp0 (last, text) != 0)
    g_ptr_array_add (self->history, g_strdup (text));
  self->history_index = self->history->len;
  g_clear_pointer (&self->typed, g_free);
}

static void
browse_history (NflCommandConsole *self,
                int                step)
{
  guint index;

  if (self->history->len == 0)
    return;
  if (step < 0 && self->history_index == 0)
    return;
  if (step > 0 && self->history_index >= self->history->len)
    return;
  if (self->history_index == self->history->len)
    {
      g_free (self->typed);
      self->typed = get_input (self);
    }
  index = self->history_index + step;
  self->history_index = index;
  set_input (self, index < self->history->len ? g_ptr_array_index (self->history, index) : self->typed);
}

/* Tab: the word under the cursor completed as far as every candidate
 * agrees, and the candidates listed when there are several, as a shell
 * does. */
static void
complete_input (NflCommandConsole *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input_view);
  g_autofree char *text = get_input (self);
  g_auto(GStrv) candidates = NULL;
  g_autofree char *common = NULL;
  GtkTextIter cursor, word_start, line_start;
  g_autofree char *line = NULL;
  guint start = 0;
  gsize typed;

  if (self->document == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line_start = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  line = gtk_text_buffer_get_text (buffer, &line_start, &cursor, FALSE);
  candidates = nfl_commands_complete (nfl_document_get_scenario (self->document), self->ns, line, strlen (line),
                                      &start);
  if (candidates[0] == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->input_view));
      return;
    }
  common = g_strdup (candidates[0]);
  for (guint i = 1; candidates[i] != NULL; i++)
    {
      gsize k = 0;

      while (common[k] != '\0' && common[k] == candidates[i][k])
        k++;
      common[k] = '\0';
    }
  typed = strlen (line) - start;
  gtk_text_buffer_get_iter_at_line_index (buffer, &word_start, gtk_text_iter_get_line (&cursor), start);
  if (strlen (common) > typed || candidates[1] == NULL)
    {
      gtk_text_buffer_delete (buffer, &word_start, &cursor);
      gtk_text_buffer_insert (buffer, &word_start, common, -1);
      if (candidates[1] == NULL)
        gtk_text_buffer_insert (buffer, &word_start, " ", 1);
    }
  if (candidates[1] != NULL)
    {
      g_autofree char *list = g_strjoinv ("  ", candidates);

      append_output (self, list, "prompt");
      append_output (self, "\n", NULL);
      scroll_to_end (self);
    }
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

static gboolean
input_key_pressed_cb (NflCommandConsole     *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  g_autofree char *text = NULL;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (state & GDK_SHIFT_MASK)
        return FALSE;   /* a new line of a block */
      text = get_input (self);
      nfl_command_console_run (self, text);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        return FALSE;   /* focus moves on */
      complete_input (self);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
      text = get_input (self);
      /* a block of several lines moves its cursor */
      if (strchr (text, '\n') != NULL)
        return FALSE;
      browse_history (self, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A paste of tens of megabytes would freeze the text view: it is refused
 * before it goes in, and the output says why. */
static void
input_insert_text_cb (NflCommandConsole *self,
                      GtkTextIter       *location,
                      const char        *text,
                      int                len,
                      GtkTextBuffer     *buffer)
{
  glong chars = g_utf8_strlen (text, len);

  if (chars + gtk_text_buffer_get_char_count (buffer) <= INPUT_MAX)
    return;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  append_output (self, _("This text is too long for the console: it takes at most 10 MB. "
                         "Import a file of commands with nflab import instead.\n"), "error");
  scroll_to_end (self);
}

static void
clear_clicked_cb (NflCommandConsole *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), "", -1);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_command_console_dispose (GObject *object)
{
  NflCommandConsole *self = NFL_COMMAND_CONSOLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_COMMAND_CONSOLE);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_command_console_parent_class)->dispose (object);
}

static void
nfl_command_console_finalize (GObject *object)
{
  NflCommandConsole *self = NFL_COMMAND_CONSOLE (object);

  g_ptr_array_unref (self->history);
  g_free (self->typed);
  g_free (self->ns);

  G_OBJECT_CLASS (nfl_command_console_parent_class)->finalize (object);
}

static void
nfl_command_console_class_init (NflCommandConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_command_console_dispose;
  object_class->finalize = nfl_command_console_finalize;

  /* After a command ran and changed the scenario */
  signals[RAN] = g_signal_new ("ran", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                               G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netfilterlab/NetfilterLab/nfl-command-console.ui");
  gtk_widget_class_bind_template_child (widget_class, NflCommandConsole, input_view);
  gtk_widget_class_bind_template_child (widget_class, NflCommandConsole, output_scroller);
  gtk_widget_class_bind_template_child (widget_class, NflCommandConsole, output_view);
  gtk_widget_class_bind_template_child (widget_class, NflCommandConsole, prompt_label);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
nfl_command_console_init (NflCommandConsole *self)
{
  GtkTextBuffer *output;
  GtkEventController *keys;
  GtkTextIter end;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->history = g_ptr_array_new_with_free_func (g_free);

  output = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_create_tag (output, "prompt", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (output, "command", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (output, "bad-word", "weight", PANGO_WEIGHT_BOLD, "underline", PANGO_UNDERLINE_ERROR,
                              "foreground", "#e01b24", NULL);
  gtk_text_buffer_create_tag (output, "error", "foreground", "#e01b24", NULL);
  gtk_text_buffer_get_end_iter (output, &end);
  gtk_text_buffer_create_mark (output, "nfl-end", &end, FALSE);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (input_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->input_view), keys);
  g_signal_connect_object (gtk_text_view_get_buffer (self->input_view), "insert-text",
                           G_CALLBACK (input_insert_text_cb), self, G_CONNECT_SWAPPED);
  nfl_command_console_set_namespace (self, NULL);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

GtkWidget *
nfl_command_console_new (void)
{
  return g_object_new (NFL_TYPE_COMMAND_CONSOLE, NULL);
}

void
nfl_command_console_set_document (NflCommandConsole *self,
                                  NflDocument       *document)
{
  g_return_if_fail (NFL_IS_COMMAND_CONSOLE (self));
  g_return_if_fail (document == NULL || NFL_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
}

void
nfl_command_console_set_namespace (NflCommandConsole *self,
                                   const char        *ns)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (NFL_IS_COMMAND_CONSOLE (self));

  g_free (self->ns);
  self->ns = g_strdup (ns);
  shown = prompt (self);
  gtk_label_set_text (self->prompt_label, shown);
}

const char *
nfl_command_console_get_namespace (NflCommandConsole *self)
{
  g_return_val_if_fail (NFL_IS_COMMAND_CONSOLE (self), NULL);
  return self->ns;
}

gboolean
nfl_command_console_run (NflCommandConsole *self,
                         const char        *text)
{
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  NflSourcePos where = { 0 };
  gboolean ok;

  g_return_val_if_fail (NFL_IS_COMMAND_CONSOLE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->document == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return TRUE;
  if (strlen (text) > INPUT_MAX)
    {
      append_output (self, _("This text is too long for the console: it takes at most 10 MB.\n"), "error");
      scroll_to_end (self);
      return FALSE;
    }

  ok = nfl_document_run_commands (self->document, self->ns, text, output, &where, &error);
  echo_command (self, text, ok ? 0 : where.line, ok ? 0 : where.column);
  if (output->len > 0)
    append_output (self, output->str, NULL);
  add_to_history (self, text);
  if (!ok)
    {
      g_autofree char *message = NULL;

      if (where.line > 0)
        {
          /* the document's message starts with the line ("Line 2: …"),
           * which the column joins here */
          const char *what = strstr (error->message, ": ");

          what = what != NULL && g_str_has_prefix (error->message, "Line ") ? what + 2 : error->message;
          /* Translators: an error of a command line: its line, its column and what is wrong */
          message = g_strdup_printf (_("Line %u, column %u: %s\n"), where.line, where.column, what);
        }
      else
        message = g_strdup_printf ("%s\n", error->message);
      append_output (self, message, "error");
      /* the text stays, to be corrected */
      select_bad_word (self, where.line, where.column);
    }
  else
    {
      set_input (self, "");
      g_signal_emit (self, signals[RAN], 0, text);
    }
  scroll_to_end (self);
  return ok;
}

char *
nfl_command_console_dup_output (NflCommandConsole *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (NFL_IS_COMMAND_CONSOLE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
nfl_command_console_focus_input (NflCommandConsole *self)
{
  g_return_if_fail (NFL_IS_COMMAND_CONSOLE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->input_view));
}

void
nfl_command_console_complete (NflCommandConsole *self,
                              const char        *text)
{
  g_return_if_fail (NFL_IS_COMMAND_CONSOLE (self));

  set_input (self, text);
  complete_input (self);
}

char *
nfl_command_console_dup_input (NflCommandConsole *self)
{
  g_return_val_if_fail (NFL_IS_COMMAND_CONSOLE (self), NULL);
  return get_input (self);
}
