from gnbv.cli import main

main()
