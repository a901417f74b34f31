"""judge: claims aligned across a story's articles, each mention's stance, echoes collapsed, a status per claim."""
