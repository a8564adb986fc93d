"""Workshop rooms: anonymous totals per option, nothing per person."""
