"""Full-text search over the learning, kept in a Whoosh index that the database can always rebuild."""
