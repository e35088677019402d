"""The briefing: slides built from the data and the filters, drawn in the browser, as PowerPoint and as PDF.

One module per job, importing one way (text <- layout <- theme <- slides; images <- pptx, pdf; html):
  text    type sizes; how much room text takes; wrapping, paginating, fitting, shortening
  layout  the 1920×1080 canvas, the Slide, and the box of each of its parts (slide_layout)
  theme   figures styled for a room (projector_chart), light and dark themes, handout colours
  slides  the slide builders, one row of SLIDE_BUILDERS per kind of slide (build_briefing)
  images  chart images drawn by Kaleido with a local Chromium, in a child process with a time limit
  pptx    the PowerPoint deck;  pdf  the PDF;  html  a slide's words for the browser
"""
