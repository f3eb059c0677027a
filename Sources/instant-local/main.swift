print("instant-local")
