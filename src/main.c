/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-application.h"
#include "lg-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LgApplication) app = NULL;

  lg_i18n_init ();

  app = lg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
