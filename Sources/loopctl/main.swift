print("loopctl")
