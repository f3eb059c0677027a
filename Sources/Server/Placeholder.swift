// Module placeholder until its issue lands.
