from colonnade.cli import main

main()
