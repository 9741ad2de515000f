/* SPDX-License-Identifier: MIT */
/*
 * The guest display (see display.h): a short list of picture sources
 * ordered by priority.
 */
#include <stdlib.h>
#include "display.h"

#define DISPLAY_MAX_SOURCES 4

typedef struct DisplaySource {
    const DisplaySourceOps *ops;
    void *opaque;
    int priority;
} DisplaySource;

struct Display {
    DisplaySource src[DISPLAY_MAX_SOURCES];
    int n;
    uint64_t serial;
};

Display *display_new(void)
{
    Display *d = calloc(1, sizeof(*d));
    if (!d) {
        abort();
    }
    return d;
}

void display_free(Display *d)
{
    free(d);
}

void display_add_source(Display *d, const DisplaySourceOps *ops,
                        void *opaque, int priority)
{
    if (d->n == DISPLAY_MAX_SOURCES) {
        return;
    }
    /* keep the array sorted by falling priority */
    int i = d->n++;
    while (i > 0 && d->src[i - 1].priority < priority) {
        d->src[i] = d->src[i - 1];
        i--;
    }
    d->src[i] = (DisplaySource){ ops, opaque, priority };
    d->serial++;
}

static DisplaySource *winner(Display *d, DisplaySurface *s)
{
    DisplaySurface tmp;
    for (int i = 0; i < d->n; i++) {
        if (d->src[i].ops->surface(d->src[i].opaque, s ? s : &tmp)) {
            return &d->src[i];
        }
    }
    return NULL;
}

bool display_surface(Display *d, DisplaySurface *s)
{
    return winner(d, s) != NULL;
}

bool display_cursor(Display *d, DisplayCursor *c)
{
    DisplaySource *w = winner(d, NULL);
    return w && w->ops->cursor && w->ops->cursor(w->opaque, c);
}

const char *display_source_name(Display *d)
{
    DisplaySource *w = winner(d, NULL);
    return w ? w->ops->name : NULL;
}

void display_ui_resize(Display *d, uint32_t w, uint32_t h)
{
    for (int i = 0; i < d->n; i++) {
        if (d->src[i].ops->ui_resize) {
            d->src[i].ops->ui_resize(d->src[i].opaque, w, h);
        }
    }
}

void display_touch(Display *d)
{
    d->serial++;
}

uint64_t display_serial(const Display *d)
{
    return d->serial;
}
