"""Write services of the meetings app, one module per stage (ARCHITECTURE "Services"):
planning (the year, moves, cancellations), preparation (agenda, documents, notice),
record (roll call, minutes, vote, guests, speeches), assignments, lifecycle (submit, adopt,
addenda). Each takes the actor first, fetches through a scoped selector, checks permissions,
validates, then writes in one transaction with one audit entry.
"""
