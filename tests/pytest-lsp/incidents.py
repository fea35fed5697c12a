"""Incident documents the tests open."""

# A complete incident with a rejected and an untested hypothesis; the key on the H2 line is
# there so that positions after it differ between UTF-8, UTF-16 and UTF-32.
FULL = """\
---
id: INC-2026-042
title: Checkout API returns 502
severity: SEV2
status: resolved
timezone: Europe/Berlin
started: 2026-11-20 14:02
detected: 2026-11-20 14:09
resolved: 2026-11-20 15:31
---

# Checkout API returns 502

## Summary

Checkout failed for 89 minutes.

## Impact

About 4,100 checkout attempts failed.

## Observe

- up: nginx
- down: checkout-api
- O1: checkout-api log says `password authentication failed`

## Orient

- changed: credential rotation job ran at 13:55
- story: like INC-2026-041, not INC-2026-999

## Decide

- H1: pods ran out of memory [O1]
- H2: checkout-api 🔑 still sends the old password [O1]

## Act

- H1 rejected: memory peaked at 41%

## Timeline

- 14:02 first 502s [started]
- 14:09 alert fires [detected]
- 15:31 error rate back to baseline [resolved]

## Actions

- [ ] prevent: verify the rotated secret (owner: @payments, due: 2026-12-15)
"""

# The earlier incident that FULL mentions, as a file of the workspace.
EARLIER = """\
---
id: INC-2026-041
title: Search index full
---

# Search index full
"""

# A loop that decides without observing (INC101).
DECIDE_ONLY = """\
# Search down

## Decide

- H1: same as last time, the index node ran out of disk again

## Act

- H1 rejected: disk is at 40% on every node
"""
