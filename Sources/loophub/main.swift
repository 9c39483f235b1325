print("loophub")
