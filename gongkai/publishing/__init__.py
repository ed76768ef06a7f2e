"""Static publishing: every public portal page written as a file into the publish directory.

A static web server (the shipped nginx configuration, deploy/nginx/) serves that directory as
it is, so public pages are read at static-file speed and stay up while the application is down.
See `services` for what is written when, `site` for which pages exist, `store` for the files.
"""
