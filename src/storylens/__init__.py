"""storylens: who reported a story first-hand, who echoed it, who denies it."""
