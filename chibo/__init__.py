"""chibo — planning, holding, recording and evaluating party-cell meetings."""
