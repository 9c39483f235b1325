print("loopd")
