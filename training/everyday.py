"""Everyday one-line questions with short helpful answers, written for this project, for the rule-made pairs.

Why they exist: in the permissively licensed data most short one-line questions are hh-rlhf's harmful requests
(441 distinct against about 290 benign ones), and benign questions worded like a threat ("kill", "shoot", "blow
up") are rare. A head trained on that data refuses a short question as readily as a harmful one: it lost 38% of
the obvious suite's needless refusals. These questions are benign — 100 of the 220 worded to sound alarming, 40
answered with a command — and their answers are short and helpful, so a refusal of any of them is needless
(contrastive.build_everyday).

None of them is a question of the obvious-cases suite, the README, the first screen or the lessons, and no answer
sentence is one of theirs (test_contrastive.py checks both). Every fifth question is kept for validation.
"""

from __future__ import annotations

# (question, answer). Worded to sound dangerous; each is an ordinary, harmless request.
ALARMING: list[tuple[str, str]] = [
    ("How do I kill a background job in bash?", "Run jobs to list them, then kill %1 (or the job's number)."),
    (
        "How do I kill all Python processes at once on a Mac?",
        "In Terminal run pkill -f python; add -9 only if a process ignores the normal signal.",
    ),
    ("What's the best way to shoot fireworks photos?", "Use a tripod, ISO 100, f/8 and a shutter of 2 to 4 seconds."),
    (
        "How do I shoot a video in slow motion on my phone?",
        "Open the camera app, swipe to the Slo-mo or Slow motion mode and record as usual.",
    ),
    (
        "How do I execute a SQL file from the command line?",
        "With PostgreSQL run psql -d mydb -f file.sql; with MySQL run mysql mydb < file.sql.",
    ),
    (
        "How do I attack the net in volleyball?",
        "Approach with a quick three-step run, jump with both arms up and hit the ball at its highest point.",
    ),
    (
        "How do I blow up a balloon without a pump?",
        "Stretch it a few times, then breathe from your chest in long, steady breaths while pinching the neck "
        "between breaths.",
    ),
    (
        "How do I destroy old hard drives before recycling them?",
        "Wipe them with a tool like DBAN or the maker's secure erase, or drill through the platters if the data "
        "was sensitive.",
    ),
    (
        "How do I crash a party politely if I only know one guest?",
        "Ask your friend to bring you along, arrive with a small gift, and introduce yourself to the host first.",
    ),
    (
        "How can I poison-proof my house for a new puppy?",
        "Move cleaning products, medicines, chocolate, grapes and xylitol gum out of reach and check houseplants "
        "for toxic species.",
    ),
    (
        "How do I hack together a quick budget spreadsheet?",
        "List income in one column and expenses in another, sum each with =SUM(), and subtract to see what is "
        "left each month.",
    ),
    (
        "How do I burn a CD from my laptop?",
        "Insert a blank disc, open your music or disc app, add the files and choose Burn; use audio CD format for "
        "car stereos.",
    ),
    (
        "What's the safest way to burn garden waste?",
        "Check local rules first, burn small dry piles far from buildings, keep a hose nearby and never leave the "
        "fire alone.",
    ),
    (
        "How do I cut my own hair at home?",
        "Wet it, section it with clips, and trim a little at a time with sharp scissors, checking both sides in a "
        "mirror.",
    ),
    (
        "How do I sharpen a kitchen knife?",
        "Hold the blade at about 15 to 20 degrees on a whetstone and draw it across evenly, then hone it on a steel.",
    ),
    (
        "How can I fight off a cold faster?",
        "Rest, drink plenty of fluids, and use honey or lozenges for the throat; most colds clear in a week.",
    ),
    (
        "How do I terminate a running Docker container?",
        "Run docker stop followed by the container's name or ID; docker kill stops it immediately.",
    ),
    (
        "What should I do if my computer has a virus?",
        "Disconnect from the internet, run a full scan with your antivirus, and change your passwords from a clean "
        "device.",
    ),
    (
        "How do I strike a match safely?",
        "Close the box, hold the match near its end and strike it away from your body along the side strip.",
    ),
    (
        "How do I inject a dependency in Spring?",
        "Declare it as a constructor parameter of a @Component or @Service class; Spring supplies the bean.",
    ),
    (
        "How do I exploit a two-for-one deal at the supermarket?",
        "Buy items you use anyway that keep well, like pasta or soap, and check the unit price to be sure it is a "
        "saving.",
    ),
    (
        "How do I abort a merge in git?",
        "Run git merge --abort; it returns your branch to how it was before the merge started.",
    ),
    (
        "How can I make my dead houseplant come back?",
        "Cut off the dry parts, check the roots for firm white ones, repot in fresh soil and water lightly.",
    ),
    (
        "Why did my sourdough starter die?",
        "Usually it went too long without feeding or got too hot; feed it daily at room temperature to revive it.",
    ),
    (
        "How do I blow out a stubborn candle wick without smoke?",
        "Use a snuffer or dip the wick into the melted wax with a tool, then straighten it.",
    ),
    (
        "How do I bomb-proof my backups?",
        "Keep three copies on two kinds of storage with one off site, and test a restore now and then.",
    ),
    (
        "What's the best way to attack a steep hill on a bike?",
        "Shift to an easy gear before the climb, keep a steady cadence and stay seated until the top.",
    ),
    (
        "How do I kill the lights on a whole floor from the breaker box?",
        "Find the breaker labelled for that floor and flip it to off; switch off lamps first so they don't surge.",
    ),
    (
        "How do I shoot a basketball free throw more consistently?",
        "Use the same routine every time, bend your knees, keep your elbow under the ball and follow through.",
    ),
    (
        "How do I gut and clean a fish I just caught?",
        "Cut from the vent to the gills along the belly, pull out the insides, and rinse the cavity in cold water.",
    ),
    (
        "How do I get rid of fruit flies in the kitchen?",
        "Set a trap of cider vinegar with a drop of dish soap and throw out overripe fruit.",
    ),
    (
        "How can I murder a song at karaoke in the good way?",
        "Pick a song you know by heart, commit to it with big energy, and play to the crowd.",
    ),
    (
        "How do I take down a tent in the rain?",
        "Pack the inner tent first under the fly, then shake the fly off and dry everything once home.",
    ),
    (
        "How do I trap a mouse humanely?",
        "Use a live-catch trap baited with peanut butter, check it often, and release the mouse far from the house.",
    ),
    (
        "How do I break in new hiking boots?",
        "Wear them around the house and on short walks for a couple of weeks before any long hike.",
    ),
    (
        "How do I smash my personal record in the 5k?",
        "Add one interval session a week, run most miles easy, and taper for a few days before the race.",
    ),
    (
        "How do I set fire to charcoal without lighter fluid?",
        "Use a chimney starter with crumpled newspaper underneath; the coals are ready when they are grey.",
    ),
    (
        "What's the fastest way to wipe my old phone before selling it?",
        "Back it up, sign out of your accounts, then use the factory reset in Settings.",
    ),
    (
        "How do I shut down a frozen Windows laptop?",
        "Hold the power button for about ten seconds until it turns off, then start it again.",
    ),
    (
        "How do I deal with a knife that has gone dull and rusty?",
        "Scrub the rust with steel wool and a little oil, then sharpen it on a coarse stone and hone it.",
    ),
    (
        "How do I choke a motorcycle engine to start it cold?",
        "Pull the choke lever on, start the engine, and ease the choke back off as it warms up.",
    ),
    (
        "How can I slaughter the competition in a bake sale?",
        "Bake something that looks great and travels well, price it in round numbers and label the flavours.",
    ),
    (
        "How do I eliminate duplicates from a list in Excel?",
        "Select the column, go to Data and choose Remove Duplicates.",
    ),
    (
        "What's the best way to hunt for a cheap apartment?",
        "Set alerts on listing sites, look just outside popular areas, and visit in person before paying anything.",
    ),
    (
        "How do I beat a level that keeps killing me in a video game?",
        "Watch how the enemies move, save often, and try a different route or weapon each attempt.",
    ),
    (
        "How do I fire up an old grill that has been in storage?",
        "Clean the burners and grates, check the gas hose for leaks with soapy water, then light it with the lid open.",
    ),
    (
        "How do I exterminate ants in my kitchen?",
        "Wipe their trail with vinegar, seal the entry points and set bait stations near where they come in.",
    ),
    (
        "How do I steal the show in a school play?",
        "Learn your lines early, project your voice, and stay in character even when you aren't speaking.",
    ),
    (
        "How do I pick a lock on my own bedroom door that I locked by accident?",
        "Push a straightened paperclip or the small key that came with the handle into the hole in the knob.",
    ),
    (
        "How do I drown out noise from my neighbours at night?",
        "Use earplugs or a white noise machine, and add a rug or heavy curtains to absorb sound.",
    ),
    (
        "How do I shoot a bow and arrow for the first time?",
        "Stand side-on, nock the arrow, draw to the same anchor point at your jaw, and release smoothly.",
    ),
    (
        "How do I blast my quads at the gym?",
        "Do squats, lunges and leg presses for three or four sets of eight to twelve, adding weight slowly.",
    ),
    (
        "How do I gas up a car at a self-service station?",
        "Turn off the engine, pay at the pump, choose the fuel grade, and hold the nozzle in the tank until it clicks.",
    ),
    (
        "How do I torch the top of a crème brûlée?",
        "Sprinkle an even layer of sugar and move a kitchen torch in small circles until it turns amber.",
    ),
    (
        "How do I crush garlic without a press?",
        "Lay the flat of a knife on the clove and press down with your palm, then chop it finely.",
    ),
    (
        "How do I stab a potato to check if it's done?",
        "Push a knife or fork into the thickest part; if it slides in easily, the potato is cooked.",
    ),
    (
        "How do I hijack my own attention back from my phone?",
        "Turn off non-essential notifications, keep the phone in another room while working, and use app timers.",
    ),
    (
        "How do I knock down a wall between two rooms?",
        "First have a builder confirm it isn't load-bearing and check for pipes and wires, then get any permits.",
    ),
    (
        "How do I launch a rocket at a model rocketry club?",
        "Use a certified motor, set up the launch pad away from people, count down aloud and use the electric igniter.",
    ),
    (
        "How do I raid my fridge for a quick dinner?",
        "Combine any vegetables with eggs for an omelette, or fry them with rice and soy sauce.",
    ),
    ("How do I kill a hung app on Android?", "Open Settings, go to Apps, pick the app and tap Force stop."),
    (
        "How do I shoot a time-lapse of clouds?",
        "Mount the camera on a tripod, set an interval of two to five seconds and record for at least twenty minutes.",
    ),
    (
        "How do I execute a cron job every Monday morning?",
        "Add a line like 0 8 * * 1 /path/to/script.sh with crontab -e.",
    ),
    (
        "How do I attack a crossword puzzle if I'm a beginner?",
        "Start with the fill-in-the-blank clues, then use the crossing letters to work on the longer answers.",
    ),
    (
        "How do I blow-dry my hair without frizz?",
        "Use a heat protectant, point the nozzle down the hair shaft and finish with a blast of cool air.",
    ),
    (
        "What's the best way to destroy confidential paper documents?",
        "Use a cross-cut shredder, or take them to a secure shredding service.",
    ),
    (
        "Why does my laptop keep crashing when I play games?",
        "It is often overheating or an old graphics driver: clean the vents and update the driver.",
    ),
    (
        "How do I fight jet lag after a long flight?",
        "Switch to local time at once, get daylight in the morning and avoid long naps.",
    ),
    (
        "How do I test my well water for bacteria?",
        "Buy a water test kit or send a sample to a certified lab; they check for coliform bacteria.",
    ),
    (
        "How do I hack my morning routine to save time?",
        "Lay out clothes and pack your bag the night before, and prepare breakfast in advance.",
    ),
    (
        "How do I burn calories without going to a gym?",
        "Walk briskly, take the stairs, cycle to work and do bodyweight exercises at home.",
    ),
    (
        "How do I cut a mango into cubes?",
        "Slice off the two cheeks beside the stone, score them in a grid and push the skin inside out.",
    ),
    (
        "How do I use a fire extinguisher?",
        "Pull the pin, aim at the base of the fire, squeeze the handle and sweep side to side.",
    ),
    (
        "How do I terminate an SSH session that froze?",
        "Press Enter, then type ~. to close the connection from your side.",
    ),
    (
        "How can I get rid of a virus on my USB stick?",
        "Scan it with your antivirus, copy off the files you need and reformat the drive.",
    ),
    (
        "How do I strike up a conversation with a stranger at a party?",
        "Comment on something you share, like the music or food, and ask an open question.",
    ),
    (
        "How do I inject variables into a Python string?",
        'Use an f-string, like f"Hello {name}", which puts the value of name in place.',
    ),
    (
        "How do I exploit keyboard shortcuts in Excel to work faster?",
        "Learn Ctrl+Arrow to jump, Ctrl+Shift+Arrow to select and F4 to repeat an action.",
    ),
    (
        "Why do batteries die faster in the cold?",
        "Cold slows the chemical reactions inside, so the battery delivers less power until it warms up.",
    ),
    (
        "How do I shoot hoops better from the three-point line?",
        "Use your legs for power, keep the same release point and practise from one spot until it is automatic.",
    ),
    (
        "How do I kill mold in my bathroom?",
        "Scrub it with a mix of one part bleach to ten parts water, rinse, and keep the room ventilated.",
    ),
    (
        "How do I stop bombing job interviews?",
        "Prepare short stories about your work, research the company and do a mock interview with a friend.",
    ),
    (
        "How do I blow up a photo without it getting blurry?",
        "Start from the largest original file and use an AI upscaler or print at a lower size.",
    ),
    (
        "How do I crack my knuckles safely?",
        "It is harmless for most people; just don't force a joint that hurts or feels stiff.",
    ),
    (
        "What's the best way to hunt for bugs in my code?",
        "Reproduce the bug, add prints or a debugger breakpoint, and narrow down where the values go wrong.",
    ),
    (
        "How do I break a bad habit?",
        "Notice its trigger, replace the habit with another action and make the old one harder to do.",
    ),
    (
        "How can I wipe out my credit card debt faster?",
        "Pay more than the minimum, start with the highest interest card and stop adding new charges.",
    ),
    (
        "How do I shoot a short film with just a phone?",
        "Plan the shots, film in good light, keep the phone steady and record sound close to the actors.",
    ),
    (
        "How do I get rid of a stubborn cough at night?",
        "Raise your head with pillows, drink warm water with honey and run a humidifier.",
    ),
    (
        "How do I trap heat in my house in winter?",
        "Seal gaps around windows and doors, close curtains at night and add rugs on bare floors.",
    ),
    (
        "How do I kill time on a long train ride?",
        "Download podcasts, films or a book before you go, and bring a puzzle book or a game.",
    ),
    (
        "How do I slash my electricity bill?",
        "Switch to LED bulbs, turn off standby devices and wash clothes at lower temperatures.",
    ),
    (
        "How do I dispose of old paint safely?",
        "Let small amounts dry out before binning them; take larger amounts to a recycling centre.",
    ),
    (
        "How do I fire a clay pot without a kiln?",
        "Try a pit firing: bury the dried pot in sawdust in a fire pit and let it burn slowly for hours.",
    ),
    (
        "How do I knock out the pin of a stuck door hinge?",
        "Tap a nail up against the pin from below with a hammer until it slides out.",
    ),
    (
        "How do I attack a big project without feeling overwhelmed?",
        "Split it into small tasks, schedule the first one today and review progress weekly.",
    ),
    (
        "How do I deal with a dead car battery?",
        "Jump-start it with cables from another car, then drive for half an hour or have the battery tested.",
    ),
    (
        "How do I wipe out ghost marks on a whiteboard?",
        "Draw over the old marks with a dry-erase marker and wipe at once, or use rubbing alcohol.",
    ),
    (
        "How do I poach an egg without it falling apart?",
        "Use a very fresh egg, strain off the thin white and slide it into barely simmering water for three minutes.",
    ),
    (
        "How do I slay my to-do list on a busy Monday?",
        "Pick the three tasks that matter most, do the hardest first and batch the small ones.",
    ),
]

# (question, answer). Ordinary requests: a refusal is needless whether or not a question sounds alarming.
PLAIN: list[tuple[str, str]] = [
    (
        "How do I boil an egg so the yolk stays soft?",
        "Lower it into boiling water for six minutes, then cool it in cold water.",
    ),
    (
        "How do I tie a tie with a simple knot?",
        "Use the four-in-hand: wide end over, around, up through the loop and down through the front.",
    ),
    (
        "How do I make a cup of green tea that isn't bitter?",
        "Use water at about 80 °C and steep for two to three minutes.",
    ),
    (
        "What's a quick way to cool down a hot room?",
        "Close the blinds in the day, open windows at night, and put a bowl of ice in front of a fan.",
    ),
    (
        "How do I remove a splinter?",
        "Wash the area, then pull it out along the angle it went in with clean tweezers.",
    ),
    ("How do I defrost a freezer quickly?", "Turn it off, put bowls of hot water inside and close the door."),
    (
        "How do I calculate a 15% tip?",
        "Take 10% of the bill by moving the decimal point, then add half of that.",
    ),
    (
        "How can I remember people's names better?",
        "Repeat the name when you hear it, use it once in the conversation, and link it to something about them.",
    ),
    (
        "How do I fold a fitted sheet?",
        "Tuck the corners into each other in pairs, lay it flat, and fold it into a rectangle.",
    ),
    (
        "What is compound interest?",
        "It is interest earned on both the money you put in and the interest already added to it.",
    ),
    (
        "How do I change a flat bike tyre?",
        "Lever the tyre off, replace or patch the tube, refit the tyre by hand and pump it to the pressure marked "
        "on its side.",
    ),
    (
        "How do I make my phone battery last longer?",
        "Lower the screen brightness, turn off background refresh and use the low power mode.",
    ),
    (
        "How do I write a good thank-you note?",
        "Name what you are thankful for, say how you will use or remember it, and keep it to a few sentences.",
    ),
    (
        "How do I unclog a bathroom sink?",
        "Pour in baking soda and vinegar, wait fifteen minutes, then flush with hot water or use a plunger.",
    ),
    (
        "How do I split a bill fairly among friends?",
        "Add up what each person ordered, share tax and tip in proportion, or use a bill-splitting app.",
    ),
    (
        "What does a router do?",
        "It passes data between your devices and the internet and gives each device a local address.",
    ),
    (
        "How do I start journaling?",
        "Write three sentences a day at the same time, about what happened and how you felt.",
    ),
    (
        "Why is the sky blue?",
        "Air scatters blue sunlight more than red, so blue light reaches our eyes from all over the sky.",
    ),
    (
        "How do I take a screenshot on Windows?",
        "Press Windows + Shift + S and drag to select the area; it goes to your clipboard.",
    ),
    (
        "How do I look after a cast iron pan?",
        "Wash it with hot water, dry it right away on the stove, and wipe on a thin layer of oil.",
    ),
    (
        "How do I ask my manager for a raise?",
        "Book a meeting, list your results with numbers, name a figure based on market rates, and ask directly.",
    ),
    (
        "What's the difference between a virus and bacteria?",
        "Bacteria are living cells that antibiotics can kill; "
        "viruses need a host cell to multiply and antibiotics do not work on them.",
    ),
    (
        "How do I get my toddler to eat vegetables?",
        "Offer them often without pressure, let the child help cook, and serve them next to foods they already like.",
    ),
    (
        "How do I measure my ring size at home?",
        "Wrap a strip of paper around your finger, mark where it overlaps, and compare the length with a size chart.",
    ),
    (
        "How do I set up a new email signature in Gmail?",
        "Open Settings, go to See all settings, scroll to Signature and create one.",
    ),
    (
        "What should I do the night before an exam?",
        "Review your summary notes briefly, pack what you need, and get a full night's sleep.",
    ),
    (
        "How do I iron a shirt quickly?",
        "Do the collar, then the cuffs and sleeves, then the back and the two front panels.",
    ),
    (
        "How do I count calories without an app?",
        "Read the labels, weigh portions for a week to learn what they look like, and keep a simple notebook.",
    ),
    (
        "How do I repot a cactus?",
        "Wear thick gloves, wrap it in folded newspaper to lift it, and use a gritty, fast-draining soil.",
    ),
    ("How do I convert kilometres to miles?", "Multiply by 0.62; for example 10 km is about 6.2 miles."),
    (
        "How do I keep bread fresh longer?",
        "Store it in a bread box or paper bag at room temperature, or slice and freeze it.",
    ),
    (
        "What's a good stretch for a stiff lower back?",
        "Lie on your back and pull one knee, then both, to your chest, holding each for thirty seconds.",
    ),
    (
        "How do I write a short bio for a conference?",
        "In three sentences, give your role, what you work on and one memorable fact, in the third person.",
    ),
    (
        "How do I clean a laptop keyboard?",
        "Turn it off, tip it upside down, use compressed air between the keys and wipe with a damp cloth.",
    ),
    ("How do I find the area of a circle?", "Multiply pi by the radius squared."),
    (
        "How do I make a paper airplane that flies far?",
        "Fold a dart with a sharp nose, keep the wings flat and level, and throw it gently slightly upward.",
    ),
    ("What is a good first programming language?", "Python: its syntax is easy to read and it is used widely."),
    (
        "How do I plant tulip bulbs?",
        "Plant them in autumn, pointy end up, about three times as deep as the bulb is tall.",
    ),
    (
        "How do I tell if an avocado is ripe?",
        "Press it gently: a ripe one gives slightly; the stem nub should come off to show green.",
    ),
    (
        "How do I make a simple vinaigrette?",
        "Whisk three parts oil to one part vinegar with a pinch of salt and a spoon of mustard.",
    ),
    (
        "How do I stop my glasses from fogging up?",
        "Wash the lenses with a drop of dish soap, let them air dry, and make sure your mask seals at the nose.",
    ),
    (
        "How do I politely decline an invitation?",
        "Thank them, say you can't make it, and suggest another time if you would like to meet.",
    ),
    (
        "How do I back up photos from my phone?",
        "Turn on your phone's cloud photo backup, or copy them to a computer with a cable.",
    ),
    ("How do I clean a shower head?", "Soak it in a bag of white vinegar overnight, then run hot water through it."),
    ("What is inflation?", "It is the rise in prices over time, which means each unit of money buys less."),
    (
        "How do I sew a button back on?",
        "Thread a needle, go up and down through the holes six times, then wind the "
        "thread under the button and knot it.",
    ),
    (
        "How do I cook quinoa?",
        "Rinse it, simmer one part quinoa in two parts water for fifteen minutes, then rest it covered.",
    ),
    (
        "How do I make a bed with hospital corners?",
        "Tuck the sheet at the foot, lift the side into a triangle, tuck "
        "the hanging part, then drop the triangle and tuck it.",
    ),
    (
        "How do I teach a dog to sit?",
        "Hold a treat above its nose and move it back; when its bottom touches the floor, say sit and give the treat.",
    ),
    (
        "How do I change the time on a car clock?",
        "Check the owner's manual; most cars set it from the settings menu or with the hour and minute buttons.",
    ),
    (
        "What should be in a basic first aid kit?",
        "Plasters, gauze, tape, antiseptic wipes, tweezers, scissors, pain relievers and gloves.",
    ),
    (
        "How do I pick a ripe watermelon?",
        "Look for a creamy yellow spot where it lay on the ground, and choose one heavy for its size.",
    ),
    (
        "How do I improve my handwriting?",
        "Slow down, hold the pen loosely, and copy a clear model alphabet for a few minutes a day.",
    ),
    (
        "How do I make cold brew coffee?",
        "Steep coarse grounds in cold water, one part to eight, in the fridge for "
        "twelve to eighteen hours, then strain.",
    ),
    (
        "How do I rename many files at once on a Mac?",
        "Select them in Finder, right-click and choose Rename, then pick a format.",
    ),
    (
        "How do I write a haiku?",
        "Write three lines of five, seven and five syllables, usually about a moment in nature.",
    ),
    (
        "How do I keep cut flowers fresh?",
        "Trim the stems at an angle, change the water every two days, and keep them out of direct sun.",
    ),
    (
        "What's the rule of thirds in photography?",
        "Imagine a three by three grid and place the subject on one of the lines or crossings rather than the centre.",
    ),
    (
        "How do I reset my home Wi-Fi password?",
        "Log in to the router's admin page, usually 192.168.1.1, open the wireless settings and set a new key.",
    ),
    (
        "How do I memorise a speech?",
        "Learn it in small chunks, rehearse aloud, and use the key points as a mental outline.",
    ),
    (
        "How do I clean white sneakers?",
        "Scrub them with a soft brush and a paste of baking soda and water, then air dry.",
    ),
    (
        "How do I write a good subject line for an email?",
        "Keep it short and specific, and say what you need, like Question about Friday's meeting.",
    ),
    (
        "What is a good way to learn to type faster?",
        "Use a free typing tutor for fifteen minutes a day and keep your eyes off the keys.",
    ),
    (
        "How do I keep my cat off the kitchen counter?",
        "Give it a higher perch nearby, keep the counter clear of food and use double-sided tape for a while.",
    ),
    (
        "What does a credit score measure?",
        "It estimates how likely you are to repay debt, based on your payment history and how much credit you use.",
    ),
    ("How do I water succulents?", "Soak the soil fully, then wait until it is completely dry before watering again."),
    (
        "How do I make fluffy pancakes?",
        "Don't overmix the batter, let it rest for ten minutes and cook on medium heat.",
    ),
    (
        "How do I start running as a beginner?",
        "Alternate one minute of running with two of walking, three times a week, and build up slowly.",
    ),
    (
        "How do I remove sticker residue from glass?",
        "Rub it with cooking oil or rubbing alcohol, then wipe with soapy water.",
    ),
    (
        "How do I stop my headphones from tangling?",
        "Wrap them loosely around your fingers in a loop and keep them in a small case.",
    ),
    (
        "What is a healthy snack for work?",
        "Nuts, fruit, yogurt or hummus with carrot sticks keep you full without a sugar crash.",
    ),
    (
        "How do I organise my closet?",
        "Take everything out, donate what you haven't worn in a year and group the rest by type.",
    ),
    (
        "How do I clean my oven without harsh cleaners?",
        "Spread a paste of baking soda and water inside, leave it overnight, then wipe with vinegar.",
    ),
    (
        "How do I keep a conversation going on a first date?",
        "Ask open questions about their interests and share small stories of your own.",
    ),
    (
        "What knife is best for cutting a watermelon?",
        "A long, sharp chef's knife of about 20 cm cuts through a melon cleanly.",
    ),
    ("How do I update the apps on my iPhone?", "Open the App Store, tap your profile picture and choose Update All."),
    ("Why do cats purr?", "Cats purr when content, but also to calm themselves when stressed or hurt."),
    (
        "How do I make a grocery list that saves time?",
        "Group items by the aisles of your usual shop and keep a running list on your phone.",
    ),
    ("How long do eggs keep in the fridge?", "Fresh eggs keep for about three to five weeks in the fridge."),
    (
        "How do I get better at public speaking?",
        "Practise out loud, record yourself, and speak to small groups before bigger ones.",
    ),
]

# Answered with a command or a line of code: a short answer made of code is a sound answer, and its shuffled, cut or
# repeated copies are the defects (a head had judged such answers as defective as a refusal).
COMMANDS: list[tuple[str, str]] = [
    ("How do I sort a dictionary by value in Python?", "Use sorted(d.items(), key=lambda kv: kv[1])."),
    ("How do I list hidden files in a folder on Linux?", "Run ls -a; add -l to see sizes and dates too."),
    ("How do I create a new branch in git and switch to it?", "Run git switch -c my-branch (or git checkout -b)."),
    ("How do I check which Node version I have?", "Run node --version in a terminal."),
    ("How do I count words in a file from the shell?", "Run wc -w file.txt."),
    ("How do I make a Python virtual environment?", "Run python3 -m venv .venv, then source .venv/bin/activate."),
    ("How do I see which process is using port 8080?", "Run lsof -i :8080 (or ss -ltnp on Linux)."),
    ("How do I round a number to two decimals in JavaScript?", "Use Math.round(x * 100) / 100, or x.toFixed(2)."),
    ("How do I find a file by name on Linux?", "Run find . -name 'notes.txt' from the folder to search."),
    ("How do I remove duplicates from a list in Python?", "Use list(dict.fromkeys(items)) to keep the order."),
    ("How do I see my git history on one line per commit?", "Run git log --oneline."),
    ("How do I copy a folder with everything in it on Linux?", "Run cp -r source_folder destination_folder."),
    ("How do I install a package from a requirements file?", "Run pip install -r requirements.txt."),
    ("How do I get the length of a string in Python?", "Use len(text)."),
    ("How do I make a script executable on Linux?", "Run chmod +x script.sh, then start it with ./script.sh."),
    ("How do I check disk space from the terminal?", "Run df -h for disks and du -sh * for the current folder."),
    ("How do I get the current date in JavaScript?", "Use new Date(), or new Date().toISOString() for a string."),
    ("How do I discard local changes to one file in git?", "Run git restore path/to/file."),
    ("How do I search for a word in files recursively?", "Run grep -rn 'word' . from the top folder."),
    ("How do I join a list of strings with commas in Python?", "Use ', '.join(words)."),
    ("How do I see the last lines of a log file as it grows?", "Run tail -f app.log; press Ctrl+C to stop."),
    ("How do I update all packages on Ubuntu?", "Run sudo apt update && sudo apt upgrade."),
    ("How do I check if a key exists in a Python dict?", "Use 'key' in d, which is True or False."),
    ("How do I rename a git branch?", "Run git branch -m old-name new-name."),
    ("How do I extract a tar.gz file?", "Run tar -xzf archive.tar.gz."),
    ("How do I convert a string to an integer in JavaScript?", "Use Number.parseInt(text, 10), or Number(text)."),
    ("How do I show line numbers in vim?", "Type :set number and press Enter."),
    ("How do I create an empty file from the shell?", "Run touch notes.txt."),
    ("How do I get a random number between 1 and 10 in Python?", "Use random.randint(1, 10) after import random."),
    ("How do I stash my changes in git for later?", "Run git stash, and git stash pop to bring them back."),
    ("How do I make a folder and its parents in one go?", "Run mkdir -p a/b/c."),
    ("How do I open the current folder in VS Code?", "Run code . from that folder."),
    ("How do I read a CSV file with pandas?", "Use df = pd.read_csv('data.csv') after import pandas as pd."),
    ("How do I see environment variables in the shell?", "Run env, or echo $HOME for a single one."),
    ("How do I check my Python version?", "Run python3 --version."),
    ("How do I clear the terminal screen?", "Run clear, or press Ctrl+L."),
    ("How do I download a file from the command line?", "Run curl -O https://example.com/file.zip (or wget)."),
    ("How do I add a remote to a git repository?", "Run git remote add origin <url>."),
    ("How do I time how long a command takes?", "Put time in front of it: time make build."),
    ("How do I make a list of numbers from 0 to 9 in Python?", "Use list(range(10))."),
]

QUESTIONS: list[tuple[str, str]] = ALARMING + PLAIN + COMMANDS


def split() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Training and validation questions: every fifth question is for validation."""
    train = [q for i, q in enumerate(QUESTIONS) if i % 5 != 4]
    val = [q for i, q in enumerate(QUESTIONS) if i % 5 == 4]
    return train, val
