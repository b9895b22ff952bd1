/* test-types.c: names of tables and hooks, IPv4 helpers, name validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

/* ---------------------------------------------------------------------- */
/* tables and hooks                                                        */
/* ---------------------------------------------------------------------- */

static void
test_table_names (void)
{
  static const char *expected[NFL_N_TABLES] = { "raw", "mangle", "nat", "filter" };

  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      NflTableId back = NFL_N_TABLES;

      g_assert_cmpstr (nfl_table_name (t), ==, expected[t]);
      g_assert_true (nfl_table_from_name (expected[t], &back));
      g_assert_cmpint (back, ==, t);
    }
}

static void
test_table_unknown (void)
{
  /* iptables' table names are case-sensitive; security is not modelled */
  static const char *bad[] = { "FILTER", "Nat", "security", "filter ", "", "broute" };
  NflTableId out = NFL_TABLE_RAW;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (nfl_table_from_name (bad[i], &out));
      /* a failed lookup leaves the output alone */
      g_assert_cmpint (out, ==, NFL_TABLE_RAW);
    }
  g_assert_false (nfl_table_from_name (NULL, &out));

  g_test_expect_message ("NflEngine", G_LOG_LEVEL_CRITICAL, "*table < NFL_N_TABLES*");
  g_assert_null (nfl_table_name (NFL_N_TABLES));
  g_test_assert_expected_messages ();
}

static void
test_hook_names (void)
{
  static const char *expected[NFL_N_HOOKS] = {
    "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"
  };
  NflHook out = NFL_HOOK_INPUT;

  for (guint h = 0; h < NFL_N_HOOKS; h++)
    {
      NflHook back = NFL_N_HOOKS;

      g_assert_cmpstr (nfl_hook_name (h), ==, expected[h]);
      g_assert_true (nfl_hook_from_name (expected[h], &back));
      g_assert_cmpint (back, ==, h);
    }
  g_assert_false (nfl_hook_from_name ("input", &out));
  g_assert_false (nfl_hook_from_name ("PRE_ROUTING", &out));
  g_assert_false (nfl_hook_from_name ("", &out));
  g_assert_cmpint (out, ==, NFL_HOOK_INPUT);

  g_test_expect_message ("NflEngine", G_LOG_LEVEL_CRITICAL, "*hook < NFL_N_HOOKS*");
  g_assert_null (nfl_hook_name (NFL_N_HOOKS));
  g_test_assert_expected_messages ();
}

static void
test_table_hooks (void)
{
  /* the built-in chains of each table, as iptables -L shows them */
  static const char *chains[NFL_N_TABLES] = {
    [NFL_TABLE_RAW] = "PREROUTING OUTPUT",
    [NFL_TABLE_MANGLE] = "PREROUTING INPUT FORWARD OUTPUT POSTROUTING",
    [NFL_TABLE_NAT] = "PREROUTING INPUT OUTPUT POSTROUTING",
    [NFL_TABLE_FILTER] = "INPUT FORWARD OUTPUT",
  };
  NflRuleset *ruleset = nfl_ruleset_new ();

  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      g_autoptr(GString) has = g_string_new (NULL);

      for (guint h = 0; h < NFL_N_HOOKS; h++)
        {
          if (!nfl_table_has_hook (t, h))
            {
              g_assert_null (nfl_ruleset_get_builtin (ruleset, t, h));
              continue;
            }
          g_string_append_printf (has, "%s%s", has->len ? " " : "", nfl_hook_name (h));
          /* the ruleset agrees: the table has that built-in chain */
          g_assert_nonnull (nfl_ruleset_get_builtin (ruleset, t, h));
        }
      g_assert_cmpstr (has->str, ==, chains[t]);
    }
  g_assert_false (nfl_table_has_hook (NFL_N_TABLES, NFL_HOOK_INPUT));
  nfl_ruleset_free (ruleset);
}

/* ---------------------------------------------------------------------- */
/* IPv4                                                                    */
/* ---------------------------------------------------------------------- */

static void
test_ipv4_parse_valid (void)
{
  static const struct { const char *text; guint32 addr; } cases[] = {
    { "10.1.0.10", 0x0a01000a },
    { "0.0.0.0", 0 },
    { "255.255.255.255", 0xffffffffu },
    { "127.0.0.1", 0x7f000001 },
    { "169.254.169.254", 0xa9fea9fe },
    { "1.2.3.4", 0x01020304 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 addr = 0xdeadbeef;
      char buf[16];
      g_autofree char *text = NULL;

      g_assert_true (nfl_ipv4_parse (cases[i].text, &addr));
      g_assert_cmphex (addr, ==, cases[i].addr);
      /* and back */
      nfl_ipv4_format (addr, buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
      text = nfl_ipv4_to_string (addr);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_ipv4_parse_malformed (void)
{
  static const char *bad[] = {
    "", "10", "10.1", "10.1.2", "10.1.2.3.4", "10.1.2.", ".10.1.2.3", "10..1.2",
    "256.0.0.1", "10.0.0.256", "10.0.0.300", "1000.0.0.1", "0001.0.0.1",
    " 10.0.0.1", "10.0.0.1 ", "10.0.0.1/24", "10.0.0.-1", "10.0.0.+1",
    "0x0a.0.0.1", "10.0.0.1a", "a.b.c.d", "10,0,0,1", "localhost",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint32 addr = 0xdeadbeef;

      if (nfl_ipv4_parse (bad[i], &addr))
        g_error ("“%s” was accepted as %08x", bad[i], addr);
      g_assert_cmphex (addr, ==, 0xdeadbeef);
    }
  g_assert_false (nfl_ipv4_parse (NULL, NULL));
}

static void
test_ipv4_parse_octal (void)
{
  guint32 addr = 0;

  /* iptables (xtables_strtoui, base 0) and ip (strtoul, base 0) read
   * "010" as octal 8: the engine refuses the form rather than reading
   * another address than the real tools */
  g_assert_false (nfl_ipv4_parse ("010.0.0.1", &addr));
  g_assert_false (nfl_ipv4_parse ("10.0.0.01", &addr));
}

static void
test_ipv4_cidr (void)
{
  static const struct { const char *text; guint32 addr; guint len; } cases[] = {
    { "10.1.0.0/24", 0x0a010000, 24 },
    { "10.1.0.10", 0x0a01000a, 32 },           /* no prefix: a host */
    { "0.0.0.0/0", 0, 0 },
    { "10.0.0.1/32", 0x0a000001, 32 },
    { "10.0.0.1/8", 0x0a000001, 8 },           /* host bits are kept, as ip addr keeps them */
    { "10.0.0.0/255.255.0.0", 0x0a000000, 16 },
    { "10.0.0.0/255.255.255.255", 0x0a000000, 32 },
    { "10.0.0.0/0.0.0.0", 0x0a000000, 0 },
    { "10.0.0.0/08", 0x0a000000, 8 },
  };
  static const char *bad[] = {
    "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0.0/8 ",
    "10.0.0.0/8a", "10.0.0.0/255.0.255.0", "10.0.0.0/0.255.255.255", "10.0.0.0/99999999999999999999",
    "10.0.0/8", "300.0.0.0/8", "/8", "10.0.0.0/8/8", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 addr = 0xdeadbeef;
      guint len = 99;

      g_assert_true (nfl_ipv4_parse_cidr (cases[i].text, &addr, &len));
      g_assert_cmphex (addr, ==, cases[i].addr);
      g_assert_cmpuint (len, ==, cases[i].len);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint32 addr = 0;
      guint len = 99;

      if (nfl_ipv4_parse_cidr (bad[i], &addr, &len))
        g_error ("“%s” was accepted as %08x/%u", bad[i], addr, len);
      g_assert_cmpuint (len, ==, 99);
    }
}

static void
test_prefix_mask (void)
{
  static const struct { guint len; guint32 mask; } cases[] = {
    { 0, 0 }, { 1, 0x80000000u }, { 8, 0xff000000u }, { 16, 0xffff0000u },
    { 23, 0xfffffe00u }, { 24, 0xffffff00u }, { 31, 0xfffffffeu }, { 32, 0xffffffffu },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmphex (nfl_prefix_mask (cases[i].len), ==, cases[i].mask);
      g_assert_cmpint (nfl_mask_prefix_len (cases[i].mask), ==, cases[i].len);
    }
  /* every length round-trips */
  for (guint len = 0; len <= 32; len++)
    g_assert_cmpint (nfl_mask_prefix_len (nfl_prefix_mask (len)), ==, len);
  /* longer than 32 is a host mask, not an overflowing shift */
  g_assert_cmphex (nfl_prefix_mask (33), ==, 0xffffffffu);
  g_assert_cmphex (nfl_prefix_mask (64), ==, 0xffffffffu);
  /* masks that are no prefix */
  g_assert_cmpint (nfl_mask_prefix_len (0xff00ff00u), ==, -1);
  g_assert_cmpint (nfl_mask_prefix_len (0x00ffffffu), ==, -1);
  g_assert_cmpint (nfl_mask_prefix_len (0x00000001u), ==, -1);
  g_assert_cmpint (nfl_mask_prefix_len (0xfffffffdu), ==, -1);
}

/* ---------------------------------------------------------------------- */
/* names                                                                   */
/* ---------------------------------------------------------------------- */

static void
test_interface_names_valid (void)
{
  /* dev_valid_name() accepts these */
  static const char *good[] = {
    "eth0", "lo", "veth1_ns1", "a", "abcdefghijklmno" /* 15 bytes */, "...", ".eth", "eth.", "br-0.1@x",
    "eth+", "x-y_z", "caf\xc3\xa9" /* café, UTF-8 */, "UPPER", "0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!nfl_interface_name_is_valid (good[i], &error))
        g_error ("“%s” refused: %s", good[i], error->message);
      g_assert_no_error (error);
    }
}

static void
test_interface_names_refused (void)
{
  static const struct { const char *name; const char *fragment; } bad[] = {
    { "", "empty" },
    { "abcdefghijklmnop", "15 bytes" },        /* 16 bytes: IFNAMSIZ with the NUL */
    { "averyveryverylongname", "15 bytes" },
    { ".", "not a valid" },
    { "..", "not a valid" },
    { "a/b", "“/”" },
    { "/", "“/”" },
    { "a:b", "“:”" },
    { "eth0:1", "“:”" },                      /* an alias label, not a device name */
    { "a b", "space" },
    { " eth0", "space" },
    { "eth0\t", "space" },
    { "eth\n0", "space" },
    { "eth\v0", "space" },
    { "eth\r0", "space" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (nfl_interface_name_is_valid (bad[i].name, &error))
        g_error ("“%s” was accepted", bad[i].name);
      g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].fragment));
    }
  /* NULL is refused like the empty name, and an error is optional */
  g_assert_false (nfl_interface_name_is_valid (NULL, NULL));
  g_assert_false (nfl_interface_name_is_valid ("a/b", NULL));
}

static void
test_interface_name_nbsp (void)
{
  /* The kernel's isspace() (lib/ctype.c) also counts byte 0xA0 as a
   * space, so dev_valid_name() refuses it, and with it UTF-8 names such
   * as "à" (C3 A0) that ip passes on unchanged. */
  g_assert_false (nfl_interface_name_is_valid ("eth\xc3\xa0", NULL));
  g_assert_false (nfl_interface_name_is_valid ("a\xa0" "b", NULL));
}

static void
test_namespace_names (void)
{
  /* ip netns names are file names in /run/netns: up to NAME_MAX bytes */
  g_autofree char *longest = g_strnfill (255, 'n');
  g_autofree char *too_long = g_strnfill (256, 'n');
  static const char *good[] = {
    "ns1", "a", "...", ".hidden", "router-1", "ns_2.b", "averyveryverylongname-longer-than-ifnamsiz",
  };
  static const char *bad[] = {
    "", ".", "..", "a/b", "/", "ns1/", "a b", "a\tb", "a\nb", "a\x01" "b", "a\x7f" "b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!nfl_namespace_name_is_valid (good[i], &error))
        g_error ("“%s” refused: %s", good[i], error->message);
    }
  g_assert_true (nfl_namespace_name_is_valid (longest, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (nfl_namespace_name_is_valid (bad[i], &error))
        g_error ("“%s” was accepted", bad[i]);
      g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nfl_namespace_name_is_valid (too_long, &error));
    g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "255 bytes"));
  }
  g_assert_false (nfl_namespace_name_is_valid (NULL, NULL));
}

static void
test_error_quark (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (NFL_FORMAT_ERROR, !=, 0);
  g_assert_cmpuint (NFL_FORMAT_ERROR, ==, nfl_format_error_quark ());
  g_assert_cmpstr (g_quark_to_string (NFL_FORMAT_ERROR), ==, "nfl-format-error-quark");

  g_assert_false (nfl_interface_name_is_valid ("", &error));
  g_assert_true (error->domain == NFL_FORMAT_ERROR);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/types/table/names", test_table_names);
  g_test_add_func ("/nfl/engine/types/table/unknown", test_table_unknown);
  g_test_add_func ("/nfl/engine/types/table/hooks", test_table_hooks);
  g_test_add_func ("/nfl/engine/types/hook/names", test_hook_names);
  g_test_add_func ("/nfl/engine/types/ipv4/parse-valid", test_ipv4_parse_valid);
  g_test_add_func ("/nfl/engine/types/ipv4/parse-malformed", test_ipv4_parse_malformed);
  g_test_add_func ("/nfl/engine/types/ipv4/parse-octal", test_ipv4_parse_octal);
  g_test_add_func ("/nfl/engine/types/ipv4/cidr", test_ipv4_cidr);
  g_test_add_func ("/nfl/engine/types/ipv4/prefix-mask", test_prefix_mask);
  g_test_add_func ("/nfl/engine/types/interface-name/valid", test_interface_names_valid);
  g_test_add_func ("/nfl/engine/types/interface-name/refused", test_interface_names_refused);
  g_test_add_func ("/nfl/engine/types/interface-name/nbsp", test_interface_name_nbsp);
  g_test_add_func ("/nfl/engine/types/namespace-name", test_namespace_names);
  g_test_add_func ("/nfl/engine/types/error-quark", test_error_quark);

  return g_test_run ();
}
